/**
 * Word lists for the demo-data generator: organization names and addresses in many scripts and
 * languages, and text values that break naive CSV and spreadsheet handling on purpose.
 */

/** A city with what an address there needs. */
export interface Place {
  city: string;
  region: string;
  country: string;
  /** Postal-code pattern: `#` becomes a digit. */
  postal: string;
  streets: string[];
  /** Whether the house number goes after the street name (most of Europe) or before (US, UK). */
  numberAfter: boolean;
}

/** One language/script family of demo names. */
export interface NameLocale {
  id: string;
  weight: number;
  /** Name templates: `{c}` a core word, `{t}` a trade word. */
  templates: string[];
  cores: string[];
  trades: string[];
  places: Place[];
  currency: string;
  phone: string;
}

const p = (
  city: string,
  region: string,
  country: string,
  postal: string,
  streets: string[],
  numberAfter = true,
): Place => ({
  city,
  region,
  country,
  postal,
  streets,
  numberAfter,
});

const EN_PLACES = [
  p('New York', 'New York', 'United States', '100##', ['Fifth Avenue', 'Broadway', 'Madison Avenue'], false),
  p('Austin', 'Texas', 'United States', '787##', ['Congress Avenue', 'South Lamar Blvd'], false),
  p('London', 'England', 'United Kingdom', 'EC1A #BB', ['Baker Street', 'High Street', "King's Road"], false),
  p('Dublin', 'Leinster', 'Ireland', 'D0# X###', ["O'Connell Street", 'Grafton Street'], false),
];

/** The name locales with their relative weights in the generated data. */
export const NAME_LOCALES: ReadonlyArray<NameLocale> = [
  {
    id: 'en',
    weight: 30,
    templates: ['{c} {t} Inc.', '{c} {t} LLC', '{c} {t} Ltd', '{c} {t}', '{c} & {t} Co.', '{c} {t} Group'],
    cores: [
      'Northwind',
      'Blue Harbor',
      'Summit',
      'Redwood',
      'Ironclad',
      'Silverline',
      'Brightwater',
      'Oakridge',
    ],
    trades: [
      'Logistics',
      'Analytics',
      'Consulting',
      'Foods',
      'Systems',
      'Partners',
      'Holdings',
      'Labs',
      'Media',
    ],
    places: EN_PLACES,
    currency: 'USD',
    phone: '+1 ### ###-####',
  },
  {
    id: 'de',
    weight: 8,
    templates: ['{c} {t} GmbH', '{c} {t} AG', '{c} {t} GmbH & Co. KG', '{t} {c} e.K.'],
    cores: ['Müller', 'Schäfer', 'Weiß', 'Groß', 'Köhler', 'Schröder', 'Jäger', 'Krüger', 'Böhm'],
    trades: ['Maschinenbau', 'Elektrotechnik', 'Bäckerei', 'Logistik', 'Brauerei', 'Möbelwerk', 'Druckerei'],
    places: [
      p('Berlin', 'Berlin', 'Germany', '10###', ['Schloßstraße', 'Unter den Linden', 'Mühlenweg']),
      p('München', 'Bayern', 'Germany', '80###', ['Maximilianstraße', 'Bahnhofstraße']),
      p('Köln', 'Nordrhein-Westfalen', 'Germany', '50###', ['Hohe Straße', 'Domstraße']),
      p('Wien', 'Wien', 'Austria', '1###', ['Kärntner Straße', 'Mariahilfer Straße']),
      p('Zürich', 'Zürich', 'Switzerland', '80##', ['Bahnhofstrasse', 'Limmatquai']),
    ],
    currency: 'EUR',
    phone: '+49 ## #######',
  },
  {
    id: 'fr',
    weight: 7,
    templates: ['{t} {c} SARL', '{t} {c} SA', '{c} & Fils', '{t} {c} SAS'],
    cores: ['Lefèvre', 'Dubois', 'Moreau', 'Girard', 'Rousseau', 'Fontaine', 'Béranger', 'Mercier'],
    trades: ['Boulangerie', 'Conseil', 'Transports', 'Crème & Café', 'Électricité', 'Vins', 'Éditions'],
    places: [
      p('Paris', 'Île-de-France', 'France', '750##', ['Rue de la Paix', 'Avenue des Champs-Élysées']),
      p('Marseille', "Provence-Alpes-Côte d'Azur", 'France', '130##', ["Rue de l'Église", 'La Canebière']),
      p('Montréal', 'Québec', 'Canada', 'H#A #B#', ['Rue Sainte-Catherine', 'Boulevard Saint-Laurent']),
      p('Bruxelles', 'Bruxelles-Capitale', 'Belgium', '10##', ['Rue Neuve', 'Avenue Louise']),
    ],
    currency: 'EUR',
    phone: '+33 # ## ## ## ##',
  },
  {
    id: 'es',
    weight: 6,
    templates: ['{t} {c} S.A.', '{t} {c} S.L.', '{c} y Asociados', '{t} {c} S.A. de C.V.'],
    cores: ['Peña', 'Núñez', 'Muñoz', 'García', 'Fernández', 'Ibáñez', 'Castaño'],
    trades: ['Construcciones', 'Alimentación', 'Transportes', 'Consultoría', 'Vinos', 'Tecnología'],
    places: [
      p('Madrid', 'Comunidad de Madrid', 'Spain', '280##', ['Calle Mayor', 'Calle de Alcalá']),
      p('Barcelona', 'Cataluña', 'Spain', '080##', ['Passeig de Gràcia', 'La Rambla']),
      p('Ciudad de México', 'CDMX', 'Mexico', '06###', ['Avenida Reforma', 'Calle Madero']),
    ],
    currency: 'EUR',
    phone: '+34 ### ### ###',
  },
  {
    id: 'pl',
    weight: 3,
    templates: ['{t} {c} Sp. z o.o.', '{t} {c} S.A.'],
    cores: ['Źródło', 'Żuraw', 'Łąka', 'Świt', 'Orzeł'],
    trades: ['Zakłady Mięsne', 'Hurtownia', 'Usługi Budowlane', 'Spółdzielnia Mleczarska'],
    places: [p('Warszawa', 'mazowieckie', 'Poland', '00-###', ['ul. Marszałkowska', 'ul. Świętokrzyska'])],
    currency: 'PLN',
    phone: '+48 ### ### ###',
  },
  {
    id: 'cs',
    weight: 2,
    templates: ['{c} {t} s.r.o.', '{t} {c} a.s.'],
    cores: ['Dvořák', 'Růžička', 'Černý', 'Novák'],
    trades: ['Strojírna', 'Pivovar', 'Stavby'],
    places: [p('Praha', 'Hlavní město Praha', 'Czechia', '1## 00', ['Václavské náměstí', 'Karlova'])],
    currency: 'EUR',
    phone: '+420 ### ### ###',
  },
  {
    id: 'tr',
    weight: 2,
    templates: ['{c} {t} A.Ş.', '{c} {t} Ltd. Şti.'],
    cores: ['Işık', 'Yıldız', 'Güneş', 'Öztürk', 'Çelik'],
    trades: ['İnşaat', 'Tekstil', 'Gıda', 'Lojistik'],
    places: [p('İstanbul', 'İstanbul', 'Türkiye', '34###', ['İstiklal Caddesi', 'Bağdat Caddesi'])],
    currency: 'EUR',
    phone: '+90 212 ### ## ##',
  },
  {
    id: 'nordic',
    weight: 4,
    templates: ['{c} {t} ApS', '{c} {t} AB', '{c} {t} AS', '{c} {t} Oy'],
    cores: ['Ærø', 'Åkesson', 'Øster', 'Björk', 'Söderberg', 'Häkkinen'],
    trades: ['Fiskeri', 'Byggnads', 'Trävaror', 'Konsult', 'Design'],
    places: [
      p('København', 'Hovedstaden', 'Denmark', '1###', ['Strøget', 'Nørrebrogade']),
      p('Stockholm', 'Stockholms län', 'Sweden', '1## ##', ['Drottninggatan', 'Götgatan']),
      p('Helsinki', 'Uusimaa', 'Finland', '00###', ['Mannerheimintie', 'Esplanadi']),
    ],
    currency: 'SEK',
    phone: '+46 # ### ### ##',
  },
  {
    id: 'cyrillic',
    weight: 8,
    templates: ['ООО «{c}-{t}»', 'АО «{c} {t}»', 'ТОВ «{c} {t}»', 'ПП «{c}»'],
    cores: ['Северсталь', 'Восток', 'Сибирь', 'Волга', 'Байкал', 'Київ', 'Дніпро', 'Карпати'],
    trades: ['Трейд', 'Логистик', 'Строй', 'Софт', 'Агро', 'Буд'],
    places: [
      p('Москва', 'Москва', 'Russia', '1####', ['ул. Тверская', 'ул. Арбат']),
      p('Санкт-Петербург', 'Санкт-Петербург', 'Russia', '19####', ['Невский проспект']),
      p('Київ', 'Київ', 'Ukraine', '0####', ['вул. Хрещатик', 'просп. Перемоги']),
      p('Львів', 'Львівська область', 'Ukraine', '79###', ['просп. Свободи']),
    ],
    currency: 'EUR',
    phone: '+380 ## ### ## ##',
  },
  {
    id: 'greek',
    weight: 3,
    templates: ['{c} {t} Α.Ε.', '{c} {t} Ε.Π.Ε.', '{c} {t} Ι.Κ.Ε.'],
    cores: ['Αθηναϊκή', 'Ολυμπιακή', 'Αιγαίο', 'Παρθενών', 'Μακεδονική'],
    trades: ['Εμπορική', 'Τεχνική', 'Ναυτιλιακή', 'Τροφίμων'],
    places: [
      p('Αθήνα', 'Αττική', 'Greece', '10# ##', ['Οδός Ερμού', 'Λεωφόρος Συγγρού']),
      p('Θεσσαλονίκη', 'Κεντρική Μακεδονία', 'Greece', '54# ##', ['Οδός Τσιμισκή']),
    ],
    currency: 'EUR',
    phone: '+30 21# ### ####',
  },
  {
    id: 'zh',
    weight: 5,
    templates: ['{c}{t}有限公司', '{c}{t}股份有限公司', '{c}{t}集团'],
    cores: ['北京', '上海', '深圳', '长城', '东方', '龙腾', '金山'],
    trades: ['科技', '贸易', '物流', '电子', '食品', '网络'],
    places: [
      p('北京', '北京市', 'China', '100###', ['长安街', '王府井大街']),
      p('上海', '上海市', 'China', '200###', ['南京路', '淮海中路']),
    ],
    currency: 'USD',
    phone: '+86 10 #### ####',
  },
  {
    id: 'ja',
    weight: 5,
    templates: ['株式会社{c}{t}', '{c}{t}株式会社', '有限会社{c}{t}'],
    cores: ['さくら', '富士', '大和', '日の出', '青葉', 'みどり'],
    trades: ['商事', '工業', '物産', '電機', 'システム'],
    places: [
      p('東京', '東京都', 'Japan', '1##-####', ['銀座', '丸の内']),
      p('大阪', '大阪府', 'Japan', '5##-####', ['梅田', '心斎橋']),
    ],
    currency: 'JPY',
    phone: '+81 3-####-####',
  },
  {
    id: 'ko',
    weight: 3,
    templates: ['{c}{t} 주식회사', '주식회사 {c}{t}', '(주){c}{t}'],
    cores: ['삼성', '한빛', '미래', '푸른', '대한'],
    trades: ['상사', '전자', '물산', '건설', '식품'],
    places: [p('서울', '서울특별시', 'South Korea', '0####', ['세종대로', '테헤란로'])],
    currency: 'USD',
    phone: '+82 2-####-####',
  },
  {
    id: 'ar',
    weight: 4,
    templates: ['شركة {c} {t}', 'مؤسسة {c} {t}'],
    cores: ['النور', 'الأمل', 'الخليج', 'النخيل', 'الفجر'],
    trades: ['للتجارة', 'للمقاولات', 'للتقنية', 'للاستثمار'],
    places: [
      p('الرياض', 'منطقة الرياض', 'Saudi Arabia', '1####', ['شارع الملك فهد', 'طريق العليا']),
      p('دبي', 'دبي', 'United Arab Emirates', '#####', ['شارع الشيخ زايد']),
    ],
    currency: 'USD',
    phone: '+971 4 ### ####',
  },
  {
    id: 'he',
    weight: 2,
    templates: ['{c} {t} בע״מ', 'חברת {c} {t}'],
    cores: ['אור', 'כרמל', 'גליל', 'נגב'],
    trades: ['טכנולוגיות', 'סחר', 'השקעות'],
    places: [p('תל אביב', 'מחוז תל אביב', 'Israel', '6######', ['רחוב דיזנגוף', 'שדרות רוטשילד'])],
    currency: 'USD',
    phone: '+972 3-###-####',
  },
  {
    id: 'hi',
    weight: 2,
    templates: ['{c} {t} प्रा. लि.', '{c} {t} लिमिटेड'],
    cores: ['भारत', 'गंगा', 'हिमालय', 'सूर्य', 'कमल'],
    trades: ['ट्रेडर्स', 'इंडस्ट्रीज़', 'टेक्नोलॉजीज़', 'एक्सपोर्ट्स'],
    places: [p('मुंबई', 'महाराष्ट्र', 'India', '400###', ['महात्मा गांधी मार्ग'])],
    currency: 'USD',
    phone: '+91 22 #### ####',
  },
  {
    id: 'th',
    weight: 1,
    templates: ['บริษัท {c}{t} จำกัด', 'บริษัท {c} จำกัด (มหาชน)'],
    cores: ['สยาม', 'กรุงเทพ', 'ไทยรุ่งเรือง', 'เชียงใหม่'],
    trades: ['การค้า', 'อุตสาหกรรม', 'โลจิสติกส์'],
    places: [p('กรุงเทพมหานคร', 'กรุงเทพมหานคร', 'Thailand', '10###', ['ถนนสุขุมวิท', 'ถนนสีลม'])],
    currency: 'USD',
    phone: '+66 2 ### ####',
  },
  {
    id: 'vi',
    weight: 2,
    templates: ['Công ty TNHH {t} {c}', 'Công ty Cổ phần {t} {c}'],
    cores: ['Việt Tiến', 'Hòa Phát', 'Phương Đông', 'Sông Hồng', 'Bình Minh'],
    trades: ['Thương mại', 'Xây dựng', 'Công nghệ', 'Thực phẩm'],
    places: [p('Hà Nội', 'Hà Nội', 'Vietnam', '100###', ['Phố Tràng Tiền', 'Đường Lê Lợi'])],
    currency: 'USD',
    phone: '+84 24 #### ####',
  },
  {
    // Names that break naive CSV writers and spreadsheets: commas, quotes, formulas, emoji.
    id: 'tricky',
    weight: 3,
    templates: [
      '{c}, {t} & Co',
      '"{c}" {t}',
      '={c}+{t}',
      '+{c} {t}',
      '@{c} {t}',
      '-{c} {t}',
      "{c}'s {t}",
      '=HYPERLINK("http://{c}.example","{t}")',
      '{c} 🚀 {t}',
      '{c}; {t}',
    ],
    cores: ['Smith', 'Jones', 'Acme', 'Brown', 'Quirk'],
    trades: ['Partners', 'Holdings', 'Trading', 'Ventures'],
    places: EN_PLACES,
    currency: 'GBP',
    phone: '+44 20 #### ####',
  },
];

/** Short text values with commas, quotes, line breaks and formula-like starts. */
export const TRICKY_TEXTS: ReadonlyArray<string> = [
  'Smith, Jones & Co',
  'He said "hello", then left',
  "O'Reilly's branch",
  '=SUM(A1:A3)',
  '+1 (555) 010-0199',
  '@channel please call back',
  '-10% discount agreed',
  'Line one\nLine two',
  'Tab\tseparated',
  'Ünïcödé — ✓ ©',
  '東京の支店',
  'Привет, мир',
  'مرحبا بالعالم',
  '=HYPERLINK("http://evil.example","click")',
  'semi;colon;list',
  '0012345',
  '1e5',
  'null',
  'TRUE',
  '"quoted"',
  'back\\slash',
];

/** Sentences for long-text values; joined with line breaks. */
export const NOTE_SENTENCES: ReadonlyArray<string> = [
  'Met at the trade fair, interested in the premium plan.',
  'Prefers email; do not call before 10:00.',
  'Invoice address differs from the office address, see "Billing address".',
  'Budget approved for Q3, decision maker is the CFO.',
  'Spricht Deutsch und Englisch.',
  'Contact via LinkedIn first, then phone.',
  'Renewal due in spring, watch for competitor offers.',
  '価格について再度連絡する。',
  'Требуется договор на русском языке.',
  '=Not a formula, just an equals sign at the start.',
];

/** Currencies for monetary values. */
export const CURRENCIES: ReadonlyArray<string> = ['EUR', 'USD', 'GBP', 'JPY', 'SEK', 'PLN', 'CHF'];

/** Time zones for time values, with the numeric ids Pipedrive pairs them with. */
export const TIMEZONES: ReadonlyArray<readonly [name: string, id: number]> = [
  ['Europe/London', 318],
  ['Europe/Berlin', 323],
  ['Europe/Tallinn', 352],
  ['America/New_York', 171],
  ['Asia/Tokyo', 289],
  ['Australia/Sydney', 302],
];

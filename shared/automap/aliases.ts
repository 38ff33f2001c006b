/**
 * Built-in header aliases: what other CRMs' exports and hand-made sheets call the organization fields,
 * in English and other languages. Targets are written as in mapping profiles (`id`, a system field key,
 * `address.<part>`). Aliases are compared after `compact()`, so spelling variants of case, spacing,
 * punctuation and accents need no entry of their own. Custom fields have no aliases: they are matched
 * by their own names.
 */
import type { AddressPart } from '../model.ts';

/** Alias lists per target; read-only targets are listed so their columns are recognised and left out. */
export const HEADER_ALIASES: ReadonlyArray<readonly [target: string, aliases: ReadonlyArray<string>]> = [
  [
    'id',
    [
      'Pipedrive ID',
      'Organization ID',
      'Organisation ID',
      'Org ID',
      'Record ID',
      'Pipedrive organization ID',
      'Pipedrive org ID',
    ],
  ],
  [
    'name',
    // Generic "name" words are safe: in an organization sheet the name column is the organization's.
    ['Company', 'Company name', 'Companies', 'Organisation', 'Organization', 'Organisation name'].concat(
      ['Organization name', 'Org', 'Org name', 'Account', 'Account name', 'Customer', 'Customer name'],
      ['Client', 'Client name', 'Business name', 'Legal name', 'Nom', 'Nombre', 'Nome', 'Naam', 'Namn'],
      ['Navn', 'Nimi', 'Nazwa', 'Firma', 'Firmenname', 'Firmenbezeichnung', 'Unternehmen', 'Kunde'],
      ['Unternehmensname', 'Kundenname', 'Société', 'Nom de la société', "Nom de l'entreprise"],
      ['Raison sociale', 'Entreprise', 'Empresa', 'Nombre de la empresa', 'Razón social', 'Compañía'],
      ['Azienda', 'Nome azienda', 'Ragione sociale', 'Società', 'Bedrijf', 'Bedrijfsnaam', 'Organisatie'],
      ['Företag', 'Företagsnamn', 'Bolag', 'Virksomhed', 'Firmanavn', 'Yritys', 'Nazwa firmy'],
      ['Nome da empresa', '会社', '会社名', '企業名', '組織名', '法人名', '取引先', '取引先名', '名前'],
      ['公司', '公司名称', '회사', '회사명', 'Компания', 'Название компании', 'Организация', 'Название'],
      ['Название организации', 'Наименование', 'Фирма', 'Şirket', 'Şirket adı'],
    ),
  ],
  [
    'owner_id',
    [
      'Owner',
      'Owner name',
      'Owner email',
      'Owner e-mail',
      'Owner ID',
      'Account owner',
      'Company owner',
    ].concat(
      ['Organization owner', 'Organisation owner', 'Record owner', 'Sales rep', 'Sales representative'],
      ['Salesperson', 'Account manager', 'Responsible', 'Responsible person', 'Assigned to', 'Assignee'],
      ['Verantwortlich', 'Verantwortlicher', 'Zuständig', 'Betreuer', 'Kundenbetreuer', 'Besitzer'],
      ['Eigentümer', 'Propriétaire', 'Responsable', 'Commercial', 'Propietario', 'Vendedor'],
      ['Proprietario', 'Responsabile', 'Eigenaar', 'Verantwoordelijke', 'Accountmanager', 'Ägare'],
      ['Ansvarig', 'Säljare', '担当者', '所有者', '担当', 'Ответственный', 'Владелец', 'Менеджер'],
    ),
  ],
  [
    'label_ids',
    [
      'Label',
      'Labels',
      'Tag',
      'Tags',
      'Etikett',
      'Etiketten',
      'Schlagwort',
      'Schlagwörter',
      'Étiquette',
    ].concat(
      ['Étiquettes', 'Etiqueta', 'Etiquetas', 'Etichetta', 'Etichette', 'Etiket', 'Etiketter', 'ラベル'],
      ['タグ', 'Метка', 'Метки', 'Тег', 'Теги'],
    ),
  ],
  [
    'visible_to',
    [
      'Visibility',
      'Visible to',
      'Visible',
      'Sichtbarkeit',
      'Sichtbar für',
      'Visibilité',
      'Visible par',
    ].concat(
      ['Visibilidad', 'Visible para', 'Visibilità', 'Zichtbaarheid', 'Zichtbaar voor', 'Synlighet'],
      ['Synlig för', '公開範囲', '表示範囲', 'Видимость'],
    ),
  ],
  [
    'website',
    [
      'Website',
      'Web site',
      'Websites',
      'URL',
      'Web URL',
      'Website URL',
      'Homepage',
      'Home page',
      'Web',
    ].concat(
      ['WWW', 'Domain', 'Domain name', 'Company domain name', 'Site web', 'Site internet'],
      ['Webseite', 'Internetseite', 'Internetadresse', 'Sitio web', 'Página web', 'Sito web'],
      ['Webbplats', 'Hemsida', 'Webbsida', 'ウェブサイト', 'ホームページ', 'Сайт', 'Веб-сайт'],
    ),
  ],
  [
    'linkedin',
    ['LinkedIn', 'LinkedIn profile', 'LinkedIn URL', 'LinkedIn page', 'LinkedIn company page'].concat([
      'Company LinkedIn',
      'LinkedIn-Profil',
      'Profil LinkedIn',
      'Perfil de LinkedIn',
      'LinkedIn-profiel',
    ]),
  ],
  [
    'industry',
    [
      'Industry',
      'Industries',
      'Sector',
      'Vertical',
      'Industry type',
      'Branche',
      'Branchen',
      'Industrie',
    ].concat(
      ['Wirtschaftszweig', 'Secteur', "Secteur d'activité", 'Industria', 'Settore', 'Bransch', 'Sektor'],
      ['業種', '業界', 'Отрасль', 'Индустрия', 'Сфера деятельности'],
    ),
  ],
  [
    'annual_revenue',
    ['Annual revenue', 'Revenue', 'Annual turnover', 'Turnover', 'Yearly revenue', 'Annual sales'].concat(
      ['Umsatz', 'Jahresumsatz', "Chiffre d'affaires", "Chiffre d'affaires annuel", 'Ingresos'],
      ['Facturación', 'Ingresos anuales', 'Fatturato', 'Fatturato annuo', 'Omzet', 'Jaaromzet'],
      ['Omsättning', 'Årsomsättning', '売上', '売上高', '年商', 'Выручка', 'Годовая выручка', 'Оборот'],
    ),
  ],
  [
    'employee_count',
    ['Employees', 'Employee count', 'Number of employees', 'No. of employees', 'Employees count'].concat(
      [
        'Number employees',
        'Headcount',
        'Staff',
        'Staff count',
        'Company size',
        'Num employees',
        'FTE',
        'Mitarbeiter',
      ],
      ['Mitarbeiterzahl', 'Anzahl Mitarbeiter', 'Beschäftigte', 'Employés', "Nombre d'employés"],
      ['Effectif', 'Effectifs', 'Salariés', 'Empleados', 'Número de empleados', 'Dipendenti'],
      ['Numero di dipendenti', 'Medewerkers', 'Aantal medewerkers', 'Werknemers', 'Anställda'],
      ['Antal anställda', '従業員数', '社員数', 'Сотрудники', 'Количество сотрудников', 'Численность'],
    ),
  ],
  [
    'address',
    ['Full address', 'Complete address', 'Adresse', 'Anschrift', 'Vollständige Adresse'].concat(
      ['Adresse complète', 'Dirección', 'Dirección completa', 'Indirizzo', 'Adres', 'Adress', '住所'],
      ['所在地', 'Адрес', 'Address'],
    ),
  ],
  [
    'address.route',
    [
      'Street',
      'Street address',
      'Address line 1',
      'Address 1',
      'Line 1',
      'Street 1',
      'Street name',
      'Road',
    ].concat(
      ['Street/road name', 'Straße', 'Straße und Hausnummer', 'Rue', 'Adresse ligne 1', 'Calle'],
      ['Dirección línea 1', 'Via', 'Straat', 'Gata', 'Gatuadress', 'Улица'],
    ),
  ],
  [
    'address.street_number',
    ['House number', 'Street number', 'House no', 'Hausnummer', 'Hausnr', 'Numéro de rue'].concat([
      'Numero civico',
      'Huisnummer',
      'Gatunummer',
      '番地',
      'Номер дома',
      'Дом',
    ]),
  ],
  [
    'address.subpremise',
    [
      'Address line 2',
      'Address 2',
      'Line 2',
      'Street 2',
      'Apartment',
      'Suite',
      'Apartment/suite no',
      'Apt',
    ].concat(['Adresszusatz', "Complément d'adresse", 'Toevoeging']),
  ],
  [
    'address.sublocality',
    ['District', 'Neighborhood', 'Neighbourhood', 'Sublocality', 'District/sublocality', 'Borough'].concat([
      'Ortsteil',
      'Stadtteil',
      'Quartier',
      'Barrio',
      'Colonia',
      'Quartiere',
      'Wijk',
      'Stadsdel',
      'Район',
    ]),
  ],
  [
    'address.locality',
    ['City', 'Town', 'Village', 'Locality', 'City/town', 'City/town/village/locality', 'Ort', 'Stadt'].concat(
      ['Ortschaft', 'Ville', 'Commune', 'Ciudad', 'Localidad', 'Población', 'Municipio', 'Città'],
      ['Comune', 'Località', 'Plaats', 'Stad', 'Woonplaats', 'Postort', '市区町村', '都市', '市'],
      ['Город', 'Населённый пункт'],
    ),
  ],
  [
    'address.admin_area_level_1',
    [
      'State',
      'Region',
      'Province',
      'State/Province',
      'State/Region',
      'State or province',
      'Prefecture',
    ].concat(
      ['State/county', 'Bundesland', 'Kanton', 'Canton', 'Région', 'Estado', 'Comunidad autónoma'],
      ['Regione', 'Provincie', 'Län', '都道府県', '州', 'Регион', 'Область', 'Штат'],
    ),
  ],
  ['address.admin_area_level_2', ['County', 'Département', 'Landkreis', 'Kreis', 'Provincia', 'Kommun']],
  [
    'address.country',
    ['Country', 'Country/Region', 'Country name', 'Country code', 'Nation', 'Land', 'Pays', 'País'].concat([
      'Paese',
      'Nazione',
      '国',
      '国名',
      'Страна',
    ]),
  ],
  [
    'address.postal_code',
    [
      'ZIP',
      'Zip code',
      'Postal code',
      'Postcode',
      'ZIP/Postal code',
      'Zip/Postal',
      'PLZ',
      'Postleitzahl',
    ].concat(
      ['Code postal', 'CP', 'Código postal', 'CAP', 'Postnummer', '郵便番号', 'Почтовый индекс'],
      ['Индекс', 'Billing code', 'Shipping code', 'Mailing zip'],
    ),
  ],
  ['address.formatted_address', ['Formatted address', 'Full/combined address', 'Combined address']],
  [
    'add_time',
    [
      'Add time',
      'Created',
      'Created at',
      'Created on',
      'Create date',
      'Created date',
      'Creation date',
    ].concat(
      ['Created time', 'Date created', 'Date added', 'Organization created', 'Erstellt', 'Erstellt am'],
      ['Erstelldatum', 'Angelegt am', 'Date de création', 'Fecha de creación', 'Data di creazione'],
      ['Aangemaakt op', 'Skapad', '作成日', '作成日時', 'Дата создания'],
    ),
  ],
  [
    'update_time',
    ['Update time', 'Updated', 'Updated at', 'Last modified', 'Last modified date', 'Modified'].concat(
      [
        'Modified time',
        'Modified on',
        'Last updated',
        'Last update',
        'Organization updated',
        'Geändert',
        'Geändert am',
      ],
      ['Zuletzt geändert', 'Date de modification', 'Fecha de modificación', 'Data di modifica'],
      ['Gewijzigd op', 'Senast ändrad', '更新日', '更新日時', 'Дата изменения'],
    ),
  ],
  ['people_count', ['People', 'Number of people', 'People count', 'Contacts', 'Number of contacts']],
  ['open_deals_count', ['Open deals', 'Number of open deals', 'Open deals count']],
  ['closed_deals_count', ['Closed deals', 'Number of closed deals']],
  ['won_deals_count', ['Won deals', 'Number of won deals']],
  ['lost_deals_count', ['Lost deals', 'Number of lost deals']],
  ['activities_count', ['Total activities', 'Activities']],
  ['done_activities_count', ['Done activities']],
  ['undone_activities_count', ['Activities to do']],
  ['followers_count', ['Followers', 'Number of followers']],
  ['email_messages_count', ['Email messages count']],
  ['next_activity_date', ['Next activity date', 'Next activity']],
  ['last_activity_date', ['Last activity date', 'Last activity']],
];

/** Words naming the currency part of a monetary column ("Contract value currency"). */
export const CURRENCY_WORDS: ReadonlyArray<string> = [
  'currency',
  'currency code',
  'ccy',
  'Währung',
  'devise',
];
/** Words naming the value of a monetary column ("Contract value amount"), i.e. the field itself. */
export const AMOUNT_WORDS: ReadonlyArray<string> = [
  'value',
  'amount',
  'Betrag',
  'Wert',
  'montant',
  'importe',
];
/** Words naming the time zone of a time or time range ("Call time time zone", "Call time TZ"). */
export const TIMEZONE_WORDS: ReadonlyArray<string> = [
  'time zone',
  'timezone',
  'tz',
  'zone',
  'Zeitzone',
  'fuseau horaire',
  'zona horaria',
  'fuso orario',
];
/** Words naming the end of a date/time range ("Contract period until", "Contract period end"). */
export const UNTIL_WORDS: ReadonlyArray<string> = [
  'until',
  'end',
  'end date',
  'end time',
  'to',
  'till',
  'bis',
];
/** Words naming the start of a range, i.e. the field itself ("Contract period start"). */
export const START_WORDS: ReadonlyArray<string> = [
  'start',
  'start date',
  'start time',
  'from',
  'begin',
  'von',
];

/**
 * The part labels Orgport's export writes after an address field's name ("Address - City", see
 * `shared/values/address.ts`) first, then Pipedrive's own ("City/town/village/locality of Address").
 * After a field name these win over the aliases above (there "Region" is a state, here a county).
 */
export const ADDRESS_PART_WORDS: Readonly<Record<AddressPart, ReadonlyArray<string>>> = {
  street_number: ['Street number', 'House number'],
  route: ['Street', 'Street/road name'],
  subpremise: ['Apartment/suite', 'Apartment/suite no'],
  sublocality: ['District', 'District/sublocality'],
  locality: ['City', 'City/town/village/locality'],
  admin_area_level_1: ['State/region', 'State', 'State/county'],
  admin_area_level_2: ['County', 'Region'],
  country: ['Country'],
  postal_code: ['Postal code', 'ZIP/Postal code'],
  formatted_address: ['Formatted address', 'Full/combined address'],
};

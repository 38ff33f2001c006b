import pLimit from 'p-limit';
export async function main(argv: string[]): Promise<number> { console.log('hello', argv, typeof pLimit); return 0; }

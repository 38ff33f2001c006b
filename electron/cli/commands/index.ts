import { deleteCommand } from './delete.ts';
import { exportCommand } from './export.ts';
import { fieldsCommand } from './fields.ts';
import { importCommand } from './import.ts';
import { jobsCommand } from './jobs.ts';
import { resumeCommand } from './resume.ts';
import { sandboxCommand } from './sandbox.ts';
import { webCommand } from './web.ts';
import type { Command } from './types.ts';

/** Every `orgport` command, in the order the help lists them. */
export const COMMANDS: ReadonlyArray<Command> = [
  exportCommand,
  importCommand,
  deleteCommand,
  jobsCommand,
  resumeCommand,
  fieldsCommand,
  sandboxCommand,
  webCommand,
];

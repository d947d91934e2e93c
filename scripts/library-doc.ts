/** Regenerates the library tables of docs/language.md from the standard library (npm run docs:library). */
import * as fs from 'node:fs';
import { EmptyFileSystem } from 'langium';
import { libraryDocSection, withLibrarySection } from '../language/src/builtins/library-catalog.js';
import { createOsteoServices } from '../language/src/osteo-module.js';

const file = 'docs/language.md';
const { Osteo } = createOsteoServices({ ...EmptyFileSystem });
fs.writeFileSync(file, withLibrarySection(fs.readFileSync(file, 'utf8'), libraryDocSection(Osteo)));
process.stdout.write(`${file}: library tables regenerated\n`);

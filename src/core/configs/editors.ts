import type { ConfigFormat } from '../../shared/types';
import type { ConfigEditor } from './config-editor';
import { gradleEditor } from './gradle-editor';
import { mavenEditor } from './maven-editor';
import { netrcEditor } from './netrc-editor';
import { npmrcEditor } from './npmrc-editor';
import { nugetEditor } from './nuget-editor';
import { pipEditor } from './pip-editor';
import { pypircEditor } from './pypirc-editor';
import { yarnrcEditor } from './yarnrc-editor';
import { composerEditor } from './composer-editor';
import { bundlerEditor } from './bundler-editor';

export const EDITORS: Record<ConfigFormat, ConfigEditor> = {
  npmrc: npmrcEditor,
  maven: mavenEditor,
  nuget: nugetEditor,
  netrc: netrcEditor,
  pip: pipEditor,
  pypirc: pypircEditor,
  yarnrc: yarnrcEditor,
  composer: composerEditor,
  bundler: bundlerEditor,
  gradle: gradleEditor,
};

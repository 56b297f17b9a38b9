// Entry of the debug adapter process (out/adapter.js): serves one Trapdoor session over stdio.
import { DebugSession } from '@vscode/debugadapter';
import { TrapdoorSession } from './session';

DebugSession.run(TrapdoorSession);

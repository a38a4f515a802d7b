// The API server's admission chain as the store calls it.
import { admitCreate, admitUpdate } from '../model/api/admission/index.js';
import type { Admission } from './store.js';

export const defaultAdmission: Admission = { create: admitCreate, update: admitUpdate };

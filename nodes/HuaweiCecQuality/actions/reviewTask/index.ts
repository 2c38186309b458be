import { resource } from '../common';
import { create } from './create.operation';

export const reviewTask = resource('reviewTask', { create }, 'create');

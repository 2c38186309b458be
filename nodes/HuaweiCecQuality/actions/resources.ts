/** Every resource of the node, in the order of its Resource selector: the one list node and router read. */
import type { Resource } from './common';
import { inspection } from './inspection';
import { inspectionItem } from './inspectionItem';
import { reviewTask } from './reviewTask';
import { samplingPlan } from './samplingPlan';
import { speechToText } from './speechToText';

export const RESOURCES: Resource[] = [inspection, inspectionItem, reviewTask, samplingPlan, speechToText];

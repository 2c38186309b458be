/**
 * What the action node and its trigger declare alike: the icon (both files sit beside it) and the one
 * credential they use.
 */
import type { INodeTypeDescription } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './transport';

export const CEC_ICON: INodeTypeDescription['icon'] = { light: 'file:huaweiCec.svg', dark: 'file:huaweiCec.dark.svg' };

export const CEC_CREDENTIALS: INodeTypeDescription['credentials'] = [{ name: CREDENTIAL_TYPE, required: true }];

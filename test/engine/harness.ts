/**
 * Runs our node for real through n8n-core, in-process: a two-node workflow
 * [items source → our node] executed by n8n-core's `WorkflowExecute`, so parameter expressions,
 * item pairing, continue-on-fail, error outputs and `httpRequestWithAuthentication`
 * (preAuthentication, 401 → refresh → resend) are n8n's own code. Only the parts n8n keeps
 * outside n8n-core are supplied here: the node-type registry, the credentials helper (the CLI's
 * class needs n8n's DB) and a logger. `pollTrigger` runs the polling trigger's `poll` the same way,
 * through n8n-core's PollContext, carrying the workflow's static data from one poll to the next.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	DirectoryLoader,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	LoadOptionsContext,
	PollContext,
	TriggersAndPollers,
	WorkflowExecute,
	getAdditionalKeys,
} from 'n8n-core';
import {
	ICredentialsHelper,
	LoggerProxy,
	NodeHelpers,
	UnexpectedError,
	Workflow,
	createRunExecutionData,
	isExpression,
} from 'n8n-workflow';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	LogMetadata,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { HuaweiCecApi } from '../../credentials/HuaweiCecApi.credentials';
import { HuaweiCecQuality } from '../../nodes/HuaweiCecQuality/HuaweiCecQuality.node';
import { HuaweiCecQualityTrigger } from '../../nodes/HuaweiCecQuality/HuaweiCecQualityTrigger.node';

export const NODE_TYPE = 'n8n-nodes-huawei-cec-quality.huaweiCecQuality';
export const CREDENTIAL_TYPE = 'huaweiCecApi';
const SOURCE_TYPE = 'harness.itemsSource';
const SOURCE_NAME = 'Items';
export const NODE_NAME = 'CEC Quality';
const CREDENTIAL_REF: INodeCredentialsDetails = { id: 'cred-1', name: 'Huawei CEC account' };
const MODE: WorkflowExecuteMode = 'manual';

/** The credential's row in n8n's DB, kept as serialized text so every read is a fresh copy. */
export class CredentialStore {
	private row: string;
	/** Times the credential type's `preAuthentication` ran (token exchanges attempted). */
	preAuthenticationCalls = 0;
	/** Times the row was written back (`updateCredentials`). */
	updates = 0;
	/** Times a node read the credential (`getCredentials`): at the start of a run, and for the stored token after a 401. */
	nodeReads = 0;

	constructor(data: Record<string, unknown>) {
		this.row = JSON.stringify(data);
	}

	read(): ICredentialDataDecryptedObject {
		return JSON.parse(this.row) as ICredentialDataDecryptedObject;
	}

	write(data: ICredentialDataDecryptedObject): void {
		this.row = JSON.stringify(data);
		this.updates++;
	}
}

/** `ICredentials` over the store; only what the helper below needs (no encryption). */
class StoredCredentials implements ICredentials {
	id?: string;
	name: string;
	data: string | undefined = undefined;

	constructor(
		ref: INodeCredentialsDetails,
		public type: string,
		private readonly store: CredentialStore,
	) {
		this.id = ref.id ?? undefined;
		this.name = ref.name;
	}

	async getData() {
		return this.store.read();
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.store.read()) };
	}

	async setData(data: ICredentialDataDecryptedObject) {
		this.store.write(data);
	}

	async updateData(toUpdate: Partial<ICredentialDataDecryptedObject>, toDelete: string[] = []) {
		const data = { ...this.store.read(), ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete data[key];
		this.store.write(data);
	}
}

/**
 * Follows n8n CLI's `CredentialsHelper` (packages/cli/src/credentials-helper.ts) for what a
 * non-OAuth credential uses: defaults applied on read, expressions resolved, `preAuthentication`
 * only when the expirable property is empty or n8n reports it expired, result persisted.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly store: CredentialStore,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.credentialTypes[name];
		if (!type) throw new UnexpectedError(`Unknown credential type "${name}"`);
		return type;
	}

	getParentTypes(name: string): string[] {
		return this.type(name).extends ?? [];
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.credentialTypes[credentialType];
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).some((name) => nodeType.endsWith(`.${name}`));
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string) {
		return new StoredCredentials(nodeCredentials, type, this.store);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		resolve?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.store.nodeReads++;
		const stored = this.store.read();
		if (raw) return stored;
		// As the CLI: add the type's defaults (so a missing token reads as ''), then resolve expressions.
		const data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (!resolve) return data;
		return resolve.workflow.expression.getParameterValue(
			data as INodeParameters,
			resolve.runExecutionData,
			resolve.runIndex,
			resolve.itemIndex,
			resolve.node.name,
			resolve.connectionInputData,
			mode,
			getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
			executeData,
			false,
			data,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.write(data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new UnexpectedError('OAuth credentials are not supported by the test harness');
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) throw new UnexpectedError('Workflow and node are required');
			const resolve = (value: string) =>
				isExpression(value)
					? String(
							workflow.expression.getSimpleParameterValue(
								node,
								value,
								'internal',
								{ $credentials: credentials },
								undefined,
								'',
							) ?? '',
						)
					: value;
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			requestOptions.headers ??= {};
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					target[outerKey] ??= {};
					target[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.type(typeName);
		const expirable = credentialType.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		)?.name;
		if (expirable === undefined || typeof credentialType.preAuthentication !== 'function') {
			return undefined;
		}
		if (credentials[expirable] !== '' && !credentialsExpired) return undefined;

		this.store.preAuthenticationCalls++;
		// The CLI hands the hook only `httpRequest`, not the node's whole helper bag.
		const output = await credentialType.preAuthentication.call(
			{ helpers: { httpRequest: helpers.helpers.httpRequest } },
			credentials,
		);
		if (output[expirable] === undefined) return undefined; // nothing worth persisting
		const nodeCredentials = node.credentials?.[credentialType.name];
		if (!nodeCredentials) return undefined;

		// Persist onto the raw stored row, keeping fields the user stored as expressions.
		const stored = await (await this.getCredentials(nodeCredentials, typeName)).getData();
		const toPersist = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable || !isExpression(stored[key])) toPersist[key] = value as string;
		}
		await this.updateCredentials(nodeCredentials, typeName, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.type(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		this.store.preAuthenticationCalls++;
		return (await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}
}

/** Start node: passes on the items the run was started with (as a trigger's output would). */
class ItemsSource implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Items',
		name: 'itemsSource',
		group: ['input'],
		version: 1,
		description: 'Emits the items the harness starts the run with',
		defaults: { name: SOURCE_NAME },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(type: string): INodeType {
		const nodeType = this.types[type];
		if (!nodeType) throw new UnexpectedError(`Unrecognized node type: ${type}`);
		return nodeType;
	}

	getByNameAndVersion(type: string): INodeType {
		return this.getByName(type);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** Receives everything n8n logs: LoggerProxy (n8n-workflow) and the DI `Logger` node contexts use. */
class CapturingLogger {
	lines: string[] = [];

	private log(level: string, message: string, metadata?: LogMetadata) {
		this.lines.push(`${level}: ${message}${metadata ? ' ' + safeJson(metadata) : ''}`);
	}
	error = (message: string, metadata?: LogMetadata) => this.log('error', message, metadata);
	warn = (message: string, metadata?: LogMetadata) => this.log('warn', message, metadata);
	info = (message: string, metadata?: LogMetadata) => this.log('info', message, metadata);
	debug = (message: string, metadata?: LogMetadata) => this.log('debug', message, metadata);
	scoped = () => this;
}

function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, v: unknown) => {
		if (v instanceof Error) return { ...v, name: v.name, message: v.message, stack: v.stack };
		if (typeof v === 'object' && v !== null) {
			if (seen.has(v)) return '[Circular]';
			seen.add(v);
		}
		return v;
	});
}

// Process-wide setup, once per test file (jest gives each file its own module registry, hence
// its own DI container). n8n-core resolves its services from the container lazily.
const logger = new CapturingLogger();
LoggerProxy.init(logger);
Container.set(Logger, logger as unknown as Logger);
// Node contexts instantiate InstanceSettings, which creates `<N8N_USER_FOLDER or $HOME>/.n8n/config`
// (with an encryption key): keep that out of the user's home.
const userFolder = mkdtempSync(join(tmpdir(), 'cec-engine-'));
process.env.N8N_USER_FOLDER = userFolder;
if (typeof afterAll === 'function') afterAll(() => rmSync(userFolder, { recursive: true, force: true }));

export type OnError = boolean | 'continueRegularOutput' | 'continueErrorOutput';

export interface RunNodeOptions {
	/** The node's parameters; `={{ … }}` expressions are resolved per item by n8n. */
	parameters: INodeParameters;
	/** Input items (json), copied before the run. */
	items: IDataObject[];
	/** huaweiCecApi data for a new store; ignored when `store` is given. */
	credentials: Record<string, unknown>;
	/** The credential row to use; pass the previous run's store to reuse its token. */
	store?: CredentialStore;
	/** The node's "On Error" setting; `true` = continueRegularOutput. */
	continueOnFail?: OnError;
	/** Workflow time zone (n8n's default is America/New_York). */
	timezone?: string;
}

export interface RunNodeResult {
	/** The node's output items, one array per output branch (main, then error output if any). */
	outputs: INodeExecutionData[][];
	/**
	 * The error that failed the run, as n8n records it: WorkflowExecute stores a plain-object copy
	 * (`{ ...error, message, stack }`), so use `.message`/`.name`/`.description`, not `instanceof`.
	 */
	error?: ExecutionError;
	store: CredentialStore;
	/** Lines logged through n8n's LoggerProxy and DI Logger during this run (runs in one file should not overlap). */
	logs: string[];
	/** n8n's full run data, for anything else. */
	run: IRun;
}

/** The credentials helper over a credential row, knowing the package's credential type. */
function credentialsHelperFor(store: CredentialStore): TestCredentialsHelper {
	const credentialType = new HuaweiCecApi();
	return new TestCredentialsHelper({ [credentialType.name]: credentialType }, store);
}

function workflowBaseOf(workflow: Workflow, nodes: INode[], connections: IWorkflowBase['connections']): IWorkflowBase {
	return {
		id: workflow.id,
		name: workflow.name ?? 'harness',
		active: workflow.active,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings: workflow.settings,
		activeVersionId: null,
	};
}

/** What n8n's CLI hands n8n-core for a run or a poll: the credentials helper, hooks, the instance's URLs. */
function additionalDataFor(
	credentialsHelper: TestCredentialsHelper,
	workflowData: IWorkflowBase,
	mode: WorkflowExecuteMode,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not available in the test harness`);
	};
	return {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('startRunnerTask'),
		logAiEvent: () => {},
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		executionId,
		workflowId: workflowData.id,
	};
}

/** A node of this package in a harness workflow, with the test credential. */
function cecNode(id: string, name: string, type: string, x: number, parameters: INodeParameters): INode {
	return { id, name, type, typeVersion: 1, position: [x, 0], parameters, credentials: { [CREDENTIAL_TYPE]: CREDENTIAL_REF } };
}

export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	const store = opts.store ?? new CredentialStore(opts.credentials);
	const credentialsHelper = credentialsHelperFor(store);
	const nodeTypes = new NodeTypes({ [NODE_TYPE]: new HuaweiCecQuality(), [SOURCE_TYPE]: new ItemsSource() });

	const onError =
		opts.continueOnFail === true
			? 'continueRegularOutput'
			: opts.continueOnFail === false
				? undefined
				: opts.continueOnFail;
	const nodes: INode[] = [
		{ id: 'n1', name: SOURCE_NAME, type: SOURCE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		{ ...cecNode('n2', NODE_NAME, NODE_TYPE, 200, opts.parameters), ...(onError ? { onError } : {}) },
	];
	const connections = { [SOURCE_NAME]: { main: [[{ node: NODE_NAME, type: 'main' as const, index: 0 }]] } };
	const settings = { executionOrder: 'v1' as const, ...(opts.timezone ? { timezone: opts.timezone } : {}) };
	const workflow = new Workflow({ id: 'wf-harness', name: 'harness', nodes, connections, nodeTypes, settings, active: false });
	const additionalData = additionalDataFor(credentialsHelper, workflowBaseOf(workflow, nodes, connections), MODE, 'exec-1');

	// As a trigger would: the start node runs with the given items as its input.
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getNode(SOURCE_NAME)!,
					data: { main: [opts.items.map((json) => ({ json: structuredClone(json) }))] },
					source: null,
				},
			],
		},
	});

	const logStart = logger.lines.length;
	const run = await new WorkflowExecute(additionalData, MODE, runExecutionData).processRunExecutionData(
		workflow,
	);

	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		outputs: (task?.data?.main ?? []).map((items: INodeExecutionData[] | null) => items ?? []),
		error: task?.error ?? run.data.resultData.error,
		store,
		logs: logger.lines.slice(logStart),
		run,
	};
}

/* ------------------------------------------------------------------ the polling trigger */

export const TRIGGER_TYPE = 'n8n-nodes-huawei-cec-quality.huaweiCecQualityTrigger';
export const TRIGGER_NAME = 'CEC Quality Trigger';

export interface PollTriggerOptions {
	/** The trigger's parameters (n8n adds the defaults of those not given, as the editor does). */
	parameters: INodeParameters;
	/** huaweiCecApi data for a new store; ignored when `store` is given. */
	credentials: Record<string, unknown>;
	/** The credential row to use; pass the previous poll's store to reuse its token. */
	store?: CredentialStore;
	/**
	 * 'trigger': a poll of the active workflow (activation 'activate'); 'manual': "Fetch Test Event"
	 * in the editor (activation 'manual').
	 */
	mode?: 'trigger' | 'manual';
	/**
	 * The workflow's static data as n8n stored it after the previous poll (`result.staticData`); a
	 * first poll starts from none. Each poll builds its Workflow from a JSON copy of it, as n8n loads
	 * it from its database.
	 */
	staticData?: IDataObject;
	/** Workflow time zone. */
	timezone?: string;
	/** The node type to poll instead of HuaweiCecQualityTrigger (a benchmark's baseline design). */
	nodeType?: INodeType;
}

export interface PollTriggerResult {
	/** What `poll` returned: null when it had nothing to emit. */
	response: INodeExecutionData[][] | null;
	/** The emitted items (output 0), [] when the poll returned null or failed. */
	items: INodeExecutionData[];
	/** What `poll` threw, as thrown (n8n's ActiveWorkflows would report it through __emitError). */
	error?: Error;
	/**
	 * The static data n8n keeps for the next poll: a JSON copy of the workflow's static data when the
	 * poll changed it (n8n saves it only then, `__dataChanged`), else the data the poll started from.
	 */
	staticData: IDataObject;
	/** Whether the poll changed the workflow's static data (n8n would save it). */
	staticDataChanged: boolean;
	/** The trigger node's own part of the static data (its memory) after the poll. */
	nodeStaticData: IDataObject;
	store: CredentialStore;
	logs: string[];
}

/** A node type as n8n's loader hands it out: a polling node with the Poll Times parameter every one gets. */
function loaded(nodeType: INodeType): INodeType {
	(DirectoryLoader.prototype as unknown as { applySpecialNodeParameters(nodeType: INodeType): void }).applySpecialNodeParameters(nodeType);
	return nodeType;
}

/**
 * Runs HuaweiCecQualityTrigger's (or `nodeType`'s) `poll` once, as n8n does: a one-node workflow, n8n-core's real
 * `PollContext` (parameters, credentials, request helpers, static data) and its `TriggersAndPollers`,
 * with the same credentials helper and additional data as `runNode`. Chain polls by passing each
 * result's `staticData` (and `store`) to the next.
 */
export async function pollTrigger(opts: PollTriggerOptions): Promise<PollTriggerResult> {
	const mode = opts.mode ?? 'trigger';
	const store = opts.store ?? new CredentialStore(opts.credentials);
	const credentialsHelper = credentialsHelperFor(store);
	const nodeTypes = new NodeTypes({ [TRIGGER_TYPE]: loaded(opts.nodeType ?? new HuaweiCecQualityTrigger()) });
	const nodes = [cecNode('t1', TRIGGER_NAME, TRIGGER_TYPE, 0, structuredClone(opts.parameters))];
	const settings = { executionOrder: 'v1' as const, ...(opts.timezone ? { timezone: opts.timezone } : {}) };
	const startData = JSON.parse(JSON.stringify(opts.staticData ?? {})) as IDataObject;
	const workflow = new Workflow({
		id: 'wf-trigger',
		name: 'trigger harness',
		nodes,
		connections: {},
		nodeTypes,
		settings,
		active: mode === 'trigger',
		staticData: startData,
	});
	const additionalData = additionalDataFor(credentialsHelper, workflowBaseOf(workflow, nodes, {}), mode, `poll-${mode}`);
	const node = workflow.getNode(TRIGGER_NAME)!;
	const context = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');

	const logStart = logger.lines.length;
	let response: INodeExecutionData[][] | null = null;
	let error: Error | undefined;
	try {
		response = await new TriggersAndPollers().runPollFunction(workflow, node, context);
	} catch (caught) {
		error = caught as Error;
	}
	const staticDataChanged = (workflow.staticData as IDataObject & { __dataChanged?: boolean }).__dataChanged === true;
	const staticData = staticDataChanged
		? (JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject)
		: (JSON.parse(JSON.stringify(opts.staticData ?? {})) as IDataObject);
	return {
		response,
		items: response?.[0] ?? [],
		error,
		staticData,
		staticDataChanged,
		nodeStaticData: (staticData[`node:${TRIGGER_NAME}`] as IDataObject | undefined) ?? {},
		store,
		logs: logger.lines.slice(logStart),
	};
}

export interface ListSearchOptions {
	/** A method of the node's `methods.listSearch`. */
	method: string;
	/** The parameters of the node being edited (what getCurrentNodeParameter reads). */
	parameters?: INodeParameters;
	/** huaweiCecApi data for a new store; ignored when `store` is given. */
	credentials: Record<string, unknown>;
	store?: CredentialStore;
	filter?: string;
	paginationToken?: string;
}

/**
 * Calls one of the node's listSearch methods as the editor does for a resource locator's list:
 * n8n-core's LoadOptionsContext over a one-node workflow, with the node's parameters as the editor
 * holds them and the same credentials helper as `runNode`.
 */
export async function listSearch(opts: ListSearchOptions): Promise<INodeListSearchResult> {
	const store = opts.store ?? new CredentialStore(opts.credentials);
	const nodeType = new HuaweiCecQuality();
	const nodeTypes = new NodeTypes({ [NODE_TYPE]: nodeType });
	const parameters = structuredClone(opts.parameters ?? {});
	const nodes = [cecNode('n1', NODE_NAME, NODE_TYPE, 0, parameters)];
	const workflow = new Workflow({ id: 'wf-list', name: 'list harness', nodes, connections: {}, nodeTypes, settings: {}, active: false });
	const additionalData = additionalDataFor(credentialsHelperFor(store), workflowBaseOf(workflow, nodes, {}), MODE, 'list-1');
	additionalData.currentNodeParameters = parameters;
	const context = new LoadOptionsContext(workflow, workflow.getNode(NODE_NAME)!, additionalData, 'parameters');
	const method = nodeType.methods.listSearch[opts.method as keyof typeof nodeType.methods.listSearch];
	if (!method) throw new UnexpectedError(`no listSearch method ${opts.method}`);
	return await method.call(context, opts.filter, opts.paginationToken);
}

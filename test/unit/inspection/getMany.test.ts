/**
 * Inspection → Get Many: the call-list body with its filters under the API's names and wire types.
 */
import { buildCallListFilter } from '../../../nodes/HuaweiCecQuality/actions/inspection/getMany.operation';

describe('call list', () => {
	const zone = 'Asia/Shanghai';

	it('builds the body with every status and both call types when no filter is set', () => {
		const body = buildCallListFilter({ uploadedFrom: '2024-05-01 00:00:00', uploadedTo: '2024-05-02 00:00:00', filters: {} }, zone);
		expect(body).toEqual({
			call_types: [0, 2],
			status: [0, 1, 2, 3, 9, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40],
			upload_from: Date.UTC(2024, 3, 30, 16) / 1000,
			upload_to: Date.UTC(2024, 4, 1, 16) / 1000,
		});
	});

	it('sends the filters with the API\'s names and wire types', () => {
		const body = buildCallListFilter(
			{
				uploadedFrom: '2024-05-01T00:00:00Z',
				uploadedTo: '2024-05-02T00:00:00Z',
				filters: { statuses: [2, 9], callTypes: [0], staffId: '1600226476732482572', keyword: '账单', durationMin: 30, durationMax: '600', callFrom: 1714521600 },
			},
			zone,
		);
		expect(body).toEqual({
			call_types: [0],
			status: [2, 9],
			upload_from: 1714521600,
			upload_to: 1714608000,
			call_from: 1714521600,
			staff_id: '1600226476732482572',
			keyword: '账单',
			duration_min: 30,
			duration_max: 600,
		});
	});

	it('an empty window lists the last 24 hours; an empty From the 24 hours before To; an empty To ends now', () => {
		const nowMs = Date.UTC(2024, 4, 2, 12, 0, 0, 500);
		const now = Date.UTC(2024, 4, 2, 12) / 1000;
		const window = (uploadedFrom: unknown, uploadedTo: unknown) => {
			const body = buildCallListFilter({ uploadedFrom, uploadedTo, filters: {} }, zone, nowMs);
			return [body.upload_from, body.upload_to];
		};
		expect(window('', '')).toEqual([now - 86400, now]);
		expect(window(undefined, null)).toEqual([now - 86400, now]);
		expect(window('', '2024-05-01 08:00:00')).toEqual([Date.UTC(2024, 3, 30, 0) / 1000, Date.UTC(2024, 4, 1, 0) / 1000]);
		expect(window('2024-04-01T00:00:00Z', '')).toEqual([Date.UTC(2024, 3, 1) / 1000, now]);
		expect(() => window('2024-05-03T00:00:00Z', '')).toThrow(/"Uploaded From" \(uploadedFrom\).*must not be in the future while Uploaded To is empty/);
	});

	it.each([
		[{ uploadedFrom: '2024-05-02 00:00:00', uploadedTo: '2024-05-01 00:00:00', filters: {} }, /"Uploaded To" \(uploadedTo\).*must not be before Uploaded From/],
		[{ uploadedFrom: '2024-05-01', uploadedTo: '2024-05-02', filters: { statuses: [7] } }, /"Statuses" \(filters\.statuses\).*one of 0, 1, 2/],
		[{ uploadedFrom: '2024-05-01', uploadedTo: '2024-05-02', filters: { durationMin: 60, durationMax: 30 } }, /"Max Duration \(Seconds\)".*must not be less than/],
		[{ uploadedFrom: '2024-05-01', uploadedTo: '2024-05-02', filters: { callFrom: '2024-05-02', callTo: '2024-05-01' } }, /"Call Time To" \(filters\.callTo\).*must not be before/],
	])('refuses bad input before sending, naming the field (%#)', (input, message) => {
		expect(() => buildCallListFilter(input, zone)).toThrow(message);
	});
});

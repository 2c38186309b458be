// @ts-check
'use strict';
/**
 * A minimal ZIP writer for the mock's getTextByTaskId: a real archive (local headers, deflated entries,
 * central directory), as the API's `bytesZip` carries one (API notes §5.4), so a client's unpacking is
 * tested against real bytes.
 */
const zlib = require('zlib');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

/** @param {Buffer} data */
function crc32(data) {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

const DEFLATE = 8;
const UTF8_NAMES = 0x0800;
// 1980-01-01 00:00, the earliest DOS date: the archive's bytes do not depend on the clock.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * @param {{ name: string, text: string }[]} files
 * @returns {Buffer}
 */
function zipArchive(files) {
	/** @type {Buffer[]} */
	const locals = [];
	/** @type {Buffer[]} */
	const centrals = [];
	let offset = 0;
	for (const file of files) {
		const name = Buffer.from(file.name, 'utf8');
		const data = Buffer.from(file.text, 'utf8');
		const packed = zlib.deflateRawSync(data);
		const fields = { crc: crc32(data), packed: packed.length, size: data.length };
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(UTF8_NAMES, 6);
		local.writeUInt16LE(DEFLATE, 8);
		local.writeUInt16LE(DOS_TIME, 10);
		local.writeUInt16LE(DOS_DATE, 12);
		local.writeUInt32LE(fields.crc, 14);
		local.writeUInt32LE(fields.packed, 18);
		local.writeUInt32LE(fields.size, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(UTF8_NAMES, 8);
		central.writeUInt16LE(DEFLATE, 10);
		central.writeUInt16LE(DOS_TIME, 12);
		central.writeUInt16LE(DOS_DATE, 14);
		central.writeUInt32LE(fields.crc, 16);
		central.writeUInt32LE(fields.packed, 20);
		central.writeUInt32LE(fields.size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, packed);
		centrals.push(central, name);
		offset += local.length + name.length + packed.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(files.length, 8);
	end.writeUInt16LE(files.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/**
 * Reads an archive zipArchive wrote (or any with stored or deflated entries and no data descriptors),
 * from its central directory: for the tests that check what a client received.
 * @param {Buffer} archive
 * @returns {{ name: string, text: string }[]}
 */
function unzipArchive(archive) {
	const endAt = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (endAt < 0) throw new Error('not a ZIP archive: no end of central directory');
	const count = archive.readUInt16LE(endAt + 10);
	let at = archive.readUInt32LE(endAt + 16);
	const files = [];
	for (let i = 0; i < count; i++) {
		if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`not a ZIP central directory entry at ${at}`);
		const method = archive.readUInt16LE(at + 10);
		const packedSize = archive.readUInt32LE(at + 20);
		const nameLength = archive.readUInt16LE(at + 28);
		const extraLength = archive.readUInt16LE(at + 30);
		const commentLength = archive.readUInt16LE(at + 32);
		const localAt = archive.readUInt32LE(at + 42);
		const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
		const dataAt = localAt + 30 + archive.readUInt16LE(localAt + 26) + archive.readUInt16LE(localAt + 28);
		const packed = archive.subarray(dataAt, dataAt + packedSize);
		const data = method === DEFLATE ? zlib.inflateRawSync(packed) : packed;
		files.push({ name, text: data.toString('utf8') });
		at += 46 + nameLength + extraLength + commentLength;
	}
	return files;
}

module.exports = { zipArchive, unzipArchive, crc32 };

const { src, dest } = require('gulp');

/**
 * tsc compiles the TypeScript; n8n also needs the icons beside the compiled node and credential, and
 * the output schemas (the editor previews a node's output fields from them before it has run).
 */
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'nodes/**/__schema__/**/*.json'], { base: '.' }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyIcons;

const { src, dest } = require('gulp');

/** tsc compiles the TypeScript; n8n also needs the icons beside the compiled node and credential. */
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.' }).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;

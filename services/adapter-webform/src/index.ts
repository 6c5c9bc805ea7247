export * from './normalize';
export * from './submission';
export * from './webform.adapter';

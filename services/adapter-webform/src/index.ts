export * from './config';
export * from './form-settings';
export * from './intake';
export * from './normalize';
export * from './texts';
export * from './webform.adapter';
export * from './webform.channel';
export * from './webform.schema';

export * from './callback-schema';
export * from './long-poll';
export * from './normalize';
export * from './own-sends';
export * from './send';
export * from './vk.adapter';
export * from './vk-client';

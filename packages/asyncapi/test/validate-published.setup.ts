// Jest `setupFilesAfterEnv` of every test file: each record the file's code publishes on a
// bus is checked against the AsyncAPI document when the file's tests are done, so no
// test can publish what the document does not describe. Topics the document does not
// know (the bus's own test topics) are not judged.
import { type RecordedPublish, setPublishRecorder } from '@omni/bus/src/publish-recorder';

const recorded: RecordedPublish[] = [];
setPublishRecorder((record) => {
  // What a consumer sees is the JSON text, not the object handed to `publish`.
  const value = typeof record.value === 'string' ? record.value : JSON.parse(JSON.stringify(record.value));
  recorded.push({ ...record, value });
});

afterAll(async () => {
  setPublishRecorder(undefined);
  if (recorded.length === 0) return;
  const { RecordValidator } = await import('../src/record-validator');
  const validator = new RecordValidator();
  const failures = recorded.flatMap((r) => validator.check(r).errors);
  if (failures.length > 0) {
    throw new Error(
      `records published by this test file do not match the AsyncAPI document (packages/asyncapi):\n${failures
        .slice(0, 20)
        .join('\n')}`,
    );
  }
});

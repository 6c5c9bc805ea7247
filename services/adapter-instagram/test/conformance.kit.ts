import { messengerConformanceKit } from '@omni/testkit';
import { GRAPH_ERRORS } from '@omni/testkit/src/fakes/graph-api';

const IG_ID = '17841400000000001';

/** Instagram Direct for the conformance suite (services/channels): the Graph API fake as graph.instagram.com. */
export default messengerConformanceKit({
  channel: 'instagram',
  object: 'instagram',
  ownId: IG_ID,
  account: (token) => ({ instagramAccountId: IG_ID, accessToken: token }),
  fake: { maxText: 1000, outsideWindow: GRAPH_ERRORS.instagramOutsideWindow },
});

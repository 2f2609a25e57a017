/* twitch-emulator web client: vendor chunk. Carries a persisted query the emulator does not serve,
 * as Twitch's bundles carry hundreds, so that hash discovery must match operation names. */
(function () {
  "use strict";
  window.__LURKER_VENDOR__ = [
    {kind:"Document",operationName:"PlaybackAccessToken",extensions:{persistedQuery:{version:1,"sha256Hash":"0000000000000000000000000000000000000000000000000000000000000000"}}}
  ];
})();

/* twitch-emulator web client: what the channel page runs. Like Twitch's own client it obtains an
 * integrity token for a device id it generates, then calls GraphQL with persisted queries whose
 * hashes are compiled into this bundle (they change, and so does this file's name, on rotation). */
(function () {
  "use strict";

  var persistedQueries = [
/*__PERSISTED_QUERIES__*/
  ];

  function hashOf(name) {
    for (var i = 0; i < persistedQueries.length; i++) {
      if (persistedQueries[i].operationName === name) {
        return persistedQueries[i].extensions.persistedQuery.sha256Hash;
      }
    }
    throw new Error("no persisted query " + name);
  }

  function persisted(name, variables) {
    return { operationName: name, variables: variables,
             extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(name) } } };
  }

  function hex(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; i++) {
      out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    }
    return out;
  }

  function newDeviceId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return hex(bytes);
  }

  async function sha256Hex(text) {
    var digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return hex(new Uint8Array(digest));
  }

  function show(root, label, value) {
    var row = document.createElement("p");
    row.className = label;
    row.textContent = label + ": " + value;
    root.appendChild(row);
  }

  async function main() {
    var page = window.__LURKER_PAGE__;
    var root = document.getElementById("channel");
    try {
      var deviceId = newDeviceId();
      var proof = await sha256Hex(page.challenge + ":" + deviceId);
      var integrity = await fetch(page.integrityPath, {
        method: "POST",
        headers: { "Client-Id": page.clientId, "X-Device-Id": deviceId, "Content-Type": "application/json" },
        body: JSON.stringify({ challenge: page.challenge, proof: proof })
      });
      if (!integrity.ok) {
        throw new Error("integrity answered " + integrity.status);
      }
      var grant = await integrity.json();
      var response = await fetch(page.gqlPath, {
        method: "POST",
        headers: { "Client-Id": page.clientId, "Client-Integrity": grant.token, "X-Device-Id": deviceId,
                   "Content-Type": "text/plain;charset=UTF-8" },
        body: JSON.stringify([
          persisted("StreamMetadata", { channelLogin: page.login, includeIsDJ: true }),
          persisted("ClipsCards__User", { login: page.login, limit: 20, criteria: { filter: "LAST_WEEK" }, cursor: null })
        ])
      });
      var answers = await response.json();
      var user = answers[0] && answers[0].data ? answers[0].data.user : null;
      show(root, "channel", user ? page.login : page.login + " (not found)");
      show(root, "live", user && user.stream ? "yes" : "no");
      var clips = answers[1] && answers[1].data && answers[1].data.user && answers[1].data.user.clips;
      show(root, "clips", clips ? clips.edges.length : (answers[1] && answers[1].errors ? answers[1].errors[0].message : 0));
      root.dataset.state = "ready";
    } catch (e) {
      root.dataset.state = "error";
      show(root, "error", e && e.message ? e.message : String(e));
    }
  }

  main();
})();

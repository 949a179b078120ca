// Calls a running Warren through Personalizer's two npm SDKs, unchanged, and prints what each SDK parsed,
// one JSON object per line, for PersonalizerSdkTest to check.
// Usage: node sdk-check.js <endpoint> <key> <admin key> <logs loop key> <logs loop admin key>
// (the log steps, which delete the logs, run on the loop "sdk-logs" of the same server).
"use strict";
const msRest = require("@azure/ms-rest-js");
const { PersonalizerClient } = require("@azure/cognitiveservices-personalizer");
const createRestClient = require("@azure-rest/ai-personalizer").default;
const { AzureKeyCredential } = require("@azure/core-auth");

const [endpoint, key, adminKey, logsKey, logsAdminKey] = process.argv.slice(2);
const actions = [
  { id: "pasta", features: [{ taste: "salty", spiceLevel: "medium" }, { nutritionLevel: 5, cuisine: "italian" }] },
  { id: "ice cream", features: [{ taste: "sweet", spiceLevel: "none" }, { nutritionalLevel: 2 }] },
  { id: "juice", features: [{ taste: "sweet", spiceLevel: "none" }, { nutritionLevel: 5 }, { drink: true }] },
];
const context = [{ user: { profileType: "AnonymousUser", latLong: "47.6,-122.1" } }, { environment: { dayOfMonth: "28" } }];

function print(step, value) {
  console.log(JSON.stringify({ step, ...value }));
}

async function v10() {
  const credentials = new msRest.ApiKeyCredentials({ inHeader: { "Ocp-Apim-Subscription-Key": key } });
  const client = new PersonalizerClient(credentials, endpoint);
  const ranked = await client.rank({ contextFeatures: context, actions, excludedActions: ["juice"], eventId: "sdk-v10-1" });
  print("v1.0 rank", { status: ranked._response.status, eventId: ranked.eventId, rewardActionId: ranked.rewardActionId,
    ranking: ranked.ranking.map((r) => ({ id: r.id, probability: r.probability })) });
  const generated = await client.rank({ contextFeatures: context, actions });
  print("v1.0 rank without eventId", { eventId: generated.eventId, size: generated.ranking.length });
  const reward = await client.events.reward("sdk-v10-1", { value: 1 });
  print("v1.0 reward", { status: reward._response.status });
  const activate = await client.events.activate("sdk-v10-1");
  print("v1.0 activate", { status: activate._response.status });
  try {
    await client.rank({ contextFeatures: context, actions: [actions[0], actions[0]] });
    print("v1.0 duplicate ids", { thrown: false });
  } catch (e) {
    print("v1.0 duplicate ids", { thrown: true, name: e.name, statusCode: e.statusCode, code: e.body && e.body.error && e.body.error.code,
      message: e.body && e.body.error && e.body.error.message });
  }
  const stranger = new PersonalizerClient(new msRest.ApiKeyCredentials({ inHeader: { "Ocp-Apim-Subscription-Key": "not-" + key } }), endpoint);
  try {
    await stranger.rank({ contextFeatures: context, actions });
    print("v1.0 wrong key", { thrown: false });
  } catch (e) {
    print("v1.0 wrong key", { thrown: true, statusCode: e.statusCode, code: e.body && e.body.error && e.body.error.code });
  }
  try {
    await client.events.reward("sdk-v10-1", { value: 7 });
    print("v1.0 reward out of range", { thrown: false });
  } catch (e) {
    print("v1.0 reward out of range", { thrown: true, name: e.name, statusCode: e.statusCode, code: e.body && e.body.error && e.body.error.code });
  }
  try {
    await client.events.reward("sdk-never-ranked", { value: 1 });
    print("v1.0 reward unknown event", { thrown: false });
  } catch (e) {
    print("v1.0 reward unknown event", { thrown: true, statusCode: e.statusCode, code: e.body && e.body.error && e.body.error.code });
  }
}

async function v11() {
  // Plain http on loopback: the REST client refuses to send a key over it unless told it may.
  const client = createRestClient(endpoint, new AzureKeyCredential(key), { allowInsecureConnection: true });
  const ranked = await client.path("/rank").post({ body: { contextFeatures: context, actions, eventId: "sdk-v11-1" } });
  print("v1.1 rank", { status: ranked.status, eventId: ranked.body.eventId, rewardActionId: ranked.body.rewardActionId,
    ranking: ranked.body.ranking });
  const reward = await client.path("/events/{eventId}/reward", "sdk-v11-1").post({ body: { value: -0.5 } });
  print("v1.1 reward", { status: reward.status });
  const activate = await client.path("/events/{eventId}/activate", "sdk-v11-1").post();
  print("v1.1 activate", { status: activate.status });
  const stranger = createRestClient(endpoint, new AzureKeyCredential("not-" + key), { allowInsecureConnection: true });
  const refused = await stranger.path("/rank").post({ body: { contextFeatures: context, actions } });
  print("v1.1 wrong key", { status: refused.status, message: refused.body.error && refused.body.error.message });
  const bad = await client.path("/rank").post({ body: { contextFeatures: context, actions: [] } });
  print("v1.1 no actions", { status: bad.status, code: bad.body.error && bad.body.error.code, message: bad.body.error && bad.body.error.message });
}

async function v11Configuration() {
  const admin = createRestClient(endpoint, new AzureKeyCredential(adminKey), { allowInsecureConnection: true });
  const product = createRestClient(endpoint, new AzureKeyCredential(key), { allowInsecureConnection: true });
  const service = await admin.path("/configurations/service").get();
  print("v1.1 get service", { status: service.status, body: service.body });
  const updated = await admin.path("/configurations/service").put({ body: { ...service.body, rewardWaitTime: "PT3S", rewardAggregation: "sum" } });
  print("v1.1 put service", { status: updated.status, body: updated.body });
  const refused = await admin.path("/configurations/service").put({ body: { ...service.body, explorationPercentage: 2 } });
  print("v1.1 put bad service", { status: refused.status, code: refused.body.error && refused.body.error.code, message: refused.body.error && refused.body.error.message });
  const policy = await admin.path("/configurations/policy").put({ body: { name: "greedier", arguments: "--cb_explore_adf --epsilon 0.05 -q ::" } });
  print("v1.1 put policy", { status: policy.status, body: policy.body });
  const badPolicy = await admin.path("/configurations/policy").put({ body: { name: "bad", arguments: "--cb_explore_adf --no_such_option" } });
  print("v1.1 put bad policy", { status: badPolicy.status, code: badPolicy.body.error && badPolicy.body.error.code });
  const reset = await admin.path("/configurations/policy").delete();
  print("v1.1 reset policy", { status: reset.status, body: reset.body });
  const forbidden = await product.path("/configurations/service").get();
  print("v1.1 service with the product key", { status: forbidden.status, code: forbidden.body.error && forbidden.body.error.code });
}

async function v11MultiSlot() {
  const admin = createRestClient(endpoint, new AzureKeyCredential(adminKey), { allowInsecureConnection: true });
  const client = createRestClient(endpoint, new AzureKeyCredential(key), { allowInsecureConnection: true });
  const singleSlot = await client.path("/multislot/rank").post({ body: { contextFeatures: context, actions,
    slots: [{ id: "main", baselineAction: "pasta" }] } });
  print("v1.1 multislot on a single-slot policy", { status: singleSlot.status, code: singleSlot.body.error && singleSlot.body.error.code,
    message: singleSlot.body.error && singleSlot.body.error.message });
  await admin.path("/configurations/policy").put({ body: { name: "slots", arguments: "--ccb_explore_adf --epsilon 0.2 -q ::" } });
  const slots = [
    { id: "main", features: [{ size: "large" }], baselineAction: "pasta" },
    { id: "side", features: [{ size: "small" }], excludedActions: ["pasta"], baselineAction: "juice" },
  ];
  const ranked = await client.path("/multislot/rank").post({ body: { contextFeatures: context, actions, slots,
    eventId: "sdk-slots-1", deferActivation: true } });
  print("v1.1 multislot rank", { status: ranked.status, eventId: ranked.body.eventId, slots: ranked.body.slots });
  const reward = await client.path("/multislot/events/{eventId}/reward", "sdk-slots-1").post({ body: { reward: [
    { slotId: "main", value: 1 }, { slotId: "side", value: 0.25 }] } });
  print("v1.1 multislot reward", { status: reward.status });
  const activate = await client.path("/multislot/events/{eventId}/activate", "sdk-slots-1").post();
  print("v1.1 multislot activate", { status: activate.status });
  const twice = await client.path("/multislot/rank").post({ body: { contextFeatures: context, actions,
    slots: [slots[0], { id: "side", baselineAction: "pasta" }] } });
  print("v1.1 multislot shared baseline", { status: twice.status, code: twice.body.error && twice.body.error.code,
    message: twice.body.error && twice.body.error.message });
  const single = await client.path("/rank").post({ body: { contextFeatures: context, actions } });
  print("v1.1 rank on a multi-slot policy", { status: single.status, message: single.body.error && single.body.error.message });
  await admin.path("/configurations/policy").delete();
}

async function v11Logs() {
  const logsEndpoint = endpoint + "/loops/sdk-logs";
  const client = createRestClient(logsEndpoint, new AzureKeyCredential(logsKey), { allowInsecureConnection: true });
  await client.path("/rank").post({ body: { contextFeatures: context, actions } });
  const admin = createRestClient(logsEndpoint, new AzureKeyCredential(logsAdminKey), { allowInsecureConnection: true });
  const properties = await admin.path("/logs/properties").get();
  print("v1.1 logs properties", { status: properties.status, from: properties.body.dateRange && properties.body.dateRange.from,
    to: properties.body.dateRange && properties.body.dateRange.to });
  const deleted = await admin.path("/logs").delete();
  const after = await admin.path("/logs/properties").get();
  print("v1.1 delete logs without kafka", { status: deleted.status, after: after.status,
    empty: after.body.dateRange !== undefined && Object.keys(after.body.dateRange).length === 0 });
}

v10().then(v11).then(v11Configuration).then(v11MultiSlot).then(v11Logs).catch((e) => {
  console.error(e);
  process.exit(1);
});

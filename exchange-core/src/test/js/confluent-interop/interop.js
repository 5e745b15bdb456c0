// Confluent's own JavaScript serde against the same registry and broker as our Java serde.
//   node interop.js read  <bootstrap> <registryUrl> <topic> <count>
//     reads <count> records, prints one JSON line per record: the value as Confluent's deserializer decoded it,
//     and the bytes Confluent's serializer writes for that value under the same schema id
//   node interop.js write <bootstrap> <registryUrl> <topic>
//     writes alerts with Confluent's serializer (latest version of <topic>-value) and prints each value written
'use strict';
const { SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');
const { Kafka, logLevel } = require('kafkajs');

const [mode, bootstrap, registryUrl, topic, count] = process.argv.slice(2);
const client = new SchemaRegistryClient({ baseURLs: [registryUrl] });
const kafka = new Kafka({ clientId: 'confluent-interop', brokers: [bootstrap], logLevel: logLevel.NOTHING });

// Buffers (decimals, bytes) as hex, so that Java compares them exactly.
const json = (value) => JSON.stringify(value, (key, item) =>
  (item && item.type === 'Buffer' && Array.isArray(item.data)) ? 'hex:' + Buffer.from(item.data).toString('hex') : item);

async function read() {
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  const consumer = kafka.consumer({ groupId: 'confluent-interop-' + Date.now() });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  await new Promise((resolve, reject) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        try {
          const value = await deserializer.deserialize(topic, message.value);
          const schemaId = message.value.readInt32BE(1);
          const reserializer = new AvroSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: false, useSchemaId: schemaId });
          const bytes = await reserializer.serialize(topic, value);
          console.log(json({ key: message.key.toString(), schemaId, value, rewritten: bytes.toString('hex') }));
          if (++seen >= Number(count)) resolve();
        } catch (error) {
          reject(error);
        }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
}

function person(fullName, extra) {
  return Object.assign({ fullName, nativeName: null, aliases: [], sex: 'UNKNOWN', birthDate: null, birthYear: null,
    ageAtReport: null, nationality: null, identityDocuments: [], home: null, relationships: [],
    armedAndDangerous: false, description: null }, extra);
}

function alerts() {
  const now = Date.now();
  const envelope = (alertId, category, summary, payload) => ({
    alertId, revision: 1, messageType: 'ALERT',
    origin: { nodeId: 'LA-HO', deskId: 'houaphan-partner-system', officer: 'Maj. Bounmy' },
    sentAt: now, expiresAt: null, priority: 'IMMEDIATE', category,
    handling: { tlp: 'AMBER', sourceReliability: 'B', infoCredibility: 2 },
    addressees: ['VN-05'], language: 'lo', summary, revisionNote: null, payload });
  return [
    envelope('0b7c8e50-2a8f-4b1e-9d55-6f3a1c2e9b01', 'DRUG_TRAFFICKING', 'ລົດກະບະສີຂາວ moving pills towards Na Meo', {
      'mekong.exchange.avro.SuspectAlert': {
        persons: [person('Xay Lor', { nativeName: 'ໄຊ ລໍ', sex: 'MALE', birthYear: 1990, nationality: 'LA',
          home: { village: 'Ban Phonxay', district: null, province: 'Houaphan', adminArea: 'LA-HO' } }),
        person('Nou Yang')],
        vehicles: [{ kind: 'pickup truck', registration: null, description: 'white' }],
        lastSeen: null } }),
    envelope('0b7c8e50-2a8f-4b1e-9d55-6f3a1c2e9b02', 'DRUG_TRAFFICKING', 'Seizure at Nam Soi border gate', {
      'mekong.exchange.avro.SeizureReport': {
        location: { place: 'Nam Soi border gate', adminArea: 'LA-HO', latitude: 20.6, longitude: 104.7, at: null },
        seizedAt: now - 3600000,
        // decimal(18,3): the unscaled value, big-endian two's complement: 12000.500 = 12000500
        items: [{ kind: 'METHAMPHETAMINE_TABLETS', quantity: Buffer.from('00b71bf4', 'hex'), unit: 'TABLETS',
          currency: null, description: null }],
        personsArrested: [] } }),
  ];
}

async function write() {
  const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
  const producer = kafka.producer();
  await producer.connect();
  for (const alert of alerts()) {
    const bytes = await serializer.serialize(topic, alert);
    await producer.send({ topic, messages: [{ key: alert.alertId, value: bytes }] });
    console.log(json({ key: alert.alertId, value: alert, written: bytes.toString('hex') }));
  }
  await producer.disconnect();
}

(mode === 'read' ? read() : write()).then(() => process.exit(0), (error) => {
  console.error(error && error.stack || error);
  process.exit(1);
});

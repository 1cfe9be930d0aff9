// Produces records with the Apache Kafka Java client, for tests that need what kafkajs cannot send:
// chosen int64 timestamps (also -1, "no timestamp") and header values that are null.
//   java -cp '<kafka libs>/*' JavaProducer.java <bootstrap servers> <topic>  < records.jsonl
// One JSON object per stdin line: {"partition":0,"key":<base64|null>,"value":<base64|null>,
// "headers":[{"name":"h","value":<base64|null>}],"timestamp":"<int64 digits>"}; no "timestamp" (or null)
// lets the client stamp the send time. Prints one line per record, in input order:
// {"partition":0,"offset":12,"timestamp":"<digits as the broker stored them>"}.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public class JavaProducer {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // Records sent together share one batch per partition, as a busy producer's do: timestamps are then
    // stored as deltas from the batch's first one, which is what consumers must decode right.
    props.put(ProducerConfig.LINGER_MS_CONFIG, "200");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    ObjectMapper json = new ObjectMapper();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) continue;
        JsonNode r = json.readTree(line);
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
        for (JsonNode h : r.path("headers")) headers.add(new RecordHeader(h.get("name").asText(), bytes(h.get("value"))));
        JsonNode ts = r.get("timestamp");
        Long timestamp = ts == null || ts.isNull() ? null : Long.valueOf(ts.asText());
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(args[1], r.get("partition").asInt(), timestamp != null && timestamp >= 0 ? timestamp : null, bytes(r.get("key")), bytes(r.get("value")), headers);
        if (timestamp != null && timestamp == RecordBatch.NO_TIMESTAMP) {
          // ProducerRecord refuses negative timestamps; the record format itself allows -1 ("no timestamp"),
          // which older clients and other libraries send. Any other negative value the client refuses when
          // it writes the batch ("Invalid negative timestamp").
          Field field = ProducerRecord.class.getDeclaredField("timestamp");
          field.setAccessible(true);
          field.set(record, timestamp);
        } else if (timestamp != null && timestamp < 0) {
          throw new IllegalArgumentException("the Java client cannot send timestamp " + timestamp + ": only -1 among negative values");
        }
        sent.add(producer.send(record));
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        RecordMetadata m = f.get();
        System.out.println("{\"partition\":" + m.partition() + ",\"offset\":" + m.offset() + ",\"timestamp\":\"" + m.timestamp() + "\"}");
      }
    }
  }

  private static byte[] bytes(JsonNode node) {
    return node == null || node.isNull() ? null : Base64.getDecoder().decode(node.asText());
  }
}

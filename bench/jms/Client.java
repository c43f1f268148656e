import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.engine.offline.boundary.OfflineVoiceEngine;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The JMS benchmark's client: the same sentence spoken (1) by the offline engine called directly in this JVM, (2) as a
 * plain Jakarta Messaging request to {@code voxclone.synthesis} over TCP (a MapMessage, replies on a temporary queue
 * until {@code last}), (3) as an enterprise system's request on {@code voxclone.requests} with its integration account
 * (the JSON of /v1/audio/speech, PCM; the whole file in one reply on the account's reply queue), (4) with POST
 * /v1/audio/speech (PCM), at each concurrency, the four alternating per concurrency. Per mode and concurrency: requests/s over the measured requests, latency median and p90, audio
 * produced, and CPU time per request of this JVM and of the stack (its JVM and every process below it).
 *
 * <p>Usage: {@code java Client.java <broker url> <credentials.properties of the data directory> <http port> <user id> <api key>
 * <voice id> <reference wav> <stack pid> <clock ticks per second> <requests per run> <concurrencies, e.g. 1,2,4>
 * <integration account user> <its password>};
 * prints one JSON object on the last line.
 */
public class Client {

    /** One sentence of 100 characters: one piece on every path (the web tier splits only above 150 characters). */
    static final String SENTENCE = "The old captain measured the map of the harbour while the brass band was playing in the town square.";
    static final long SEED = 7;
    static final VoiceSettings SETTINGS = new VoiceSettings(0.5, 0.5, 2048, 0.8, 1.0, SEED);
    static final String SETTINGS_JSON = "{\"exaggeration\":0.5,\"cfgWeight\":0.5,\"chunkSize\":2048,\"temperature\":0.8,\"speed\":1.0,\"seed\":" + SEED + "}";
    static final int WARM_UP = 5;

    record Outcome(double seconds, long samples) {}

    interface Mode {
        String name();

        /** Makes one request and answers the samples received; called by one thread per worker slot. */
        Outcome call(int worker) throws Exception;

        default void close() throws Exception {}
    }

    public static void main(String[] args) throws Exception {
        String brokerUrl = args[0];
        java.util.Properties accounts = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of(args[1]))) {
            accounts.load(in);
        }
        String brokerUser = accounts.getProperty("broker.user"), brokerPassword = accounts.getProperty("broker.password");
        int httpPort = Integer.parseInt(args[2]);
        String userId = args[3], apiKey = args[4], voiceId = args[5];
        Path wav = Path.of(args[6]);
        int stackPid = Integer.parseInt(args[7]);
        int ticks = Integer.parseInt(args[8]);
        int requests = Integer.parseInt(args[9]);
        List<Integer> levels = new ArrayList<>();
        for (String s : args[10].split(",")) {
            levels.add(Integer.parseInt(s.trim()));
        }
        int maxLevel = Collections.max(levels);
        String clientUser = args[11], clientPassword = args[12];
        if (SENTENCE.length() > 150) {
            throw new IllegalStateException("the sentence must stay one piece");
        }

        long t0 = System.nanoTime();
        OfflineVoiceEngine engine = new OfflineVoiceEngine();
        engine.warmUp();
        SpeakerConditioning voice = engine.enroll(List.of(readWav(wav)));
        double engineStart = (System.nanoTime() - t0) / 1e9;
        String baseVoice = engine.baseVoiceOf(voice);

        Mode direct = new Mode() {
            public String name() { return "direct"; }

            public Outcome call(int worker) {
                long start = System.nanoTime();
                long[] samples = {0};
                engine.synthesize(voice, SENTENCE, SETTINGS, chunk -> samples[0] += chunk.audio().samples().length);
                return new Outcome((System.nanoTime() - start) / 1e9, samples[0]);
            }
        };

        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl, brokerUser, brokerPassword);
        Connection connection = factory.createConnection();
        connection.start();
        Session[] sessions = new Session[maxLevel];
        MessageProducer[] producers = new MessageProducer[maxLevel];
        TemporaryQueue[] replyQueues = new TemporaryQueue[maxLevel];
        MessageConsumer[] consumers = new MessageConsumer[maxLevel];
        for (int i = 0; i < maxLevel; i++) {
            sessions[i] = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue requestsQueue = sessions[i].createQueue("voxclone.synthesis");
            producers[i] = sessions[i].createProducer(requestsQueue);
            replyQueues[i] = sessions[i].createTemporaryQueue();
            consumers[i] = sessions[i].createConsumer(replyQueues[i]);
        }
        Mode jms = new Mode() {
            public String name() { return "jms"; }

            public Outcome call(int worker) throws Exception {
                Session session = sessions[worker];
                long start = System.nanoTime();
                MapMessage request = session.createMapMessage();
                request.setString("userId", userId);
                request.setString("voiceId", voiceId);
                request.setString("text", SENTENCE);
                request.setString("settings", SETTINGS_JSON);
                request.setIntProperty("contractVersion", 1);
                request.setJMSReplyTo(replyQueues[worker]);
                producers[worker].send(request);
                String id = request.getJMSMessageID();
                long samples = 0;
                int expected = 0;
                while (true) {
                    Message reply = consumers[worker].receive(120_000);
                    if (reply == null) {
                        throw new IllegalStateException("no reply within 120 s");
                    }
                    if (!id.equals(reply.getJMSCorrelationID())) {
                        throw new IllegalStateException("reply to another request: " + reply.getJMSCorrelationID());
                    }
                    if (reply instanceof TextMessage text) {
                        throw new IllegalStateException("refused: " + reply.getStringProperty("error") + ": " + text.getText());
                    }
                    BytesMessage bytes = (BytesMessage) reply;
                    if (bytes.getIntProperty("sequence") != expected++) {
                        throw new IllegalStateException("reply out of order");
                    }
                    byte[] pcm = new byte[(int) bytes.getBodyLength()];
                    bytes.readBytes(pcm);
                    samples += pcm.length / 2;
                    if (bytes.getBooleanProperty("last")) {
                        return new Outcome((System.nanoTime() - start) / 1e9, samples);
                    }
                }
            }

            public void close() throws Exception {
                connection.close();
            }
        };

        // The integration account's replies all come to its one reply queue: each worker reads its own by correlation id.
        ActiveMQConnectionFactory clientFactory = new ActiveMQConnectionFactory(brokerUrl, clientUser, clientPassword);
        Connection clientConnection = clientFactory.createConnection();
        clientConnection.start();
        Session[] clientSessions = new Session[maxLevel];
        MessageProducer[] clientProducers = new MessageProducer[maxLevel];
        MessageConsumer[] clientConsumers = new MessageConsumer[maxLevel];
        Queue accountReplies = null;
        for (int i = 0; i < maxLevel; i++) {
            clientSessions[i] = clientConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            clientProducers[i] = clientSessions[i].createProducer(clientSessions[i].createQueue("voxclone.requests"));
            accountReplies = clientSessions[i].createQueue("voxclone.replies." + clientUser);
            clientConsumers[i] = clientSessions[i].createConsumer(accountReplies, "JMSCorrelationID LIKE 'w" + i + "-%'");
        }
        Queue replyQueue = accountReplies;
        AtomicInteger sent = new AtomicInteger();
        String speechJson = "{\"model\":\"tts-1\",\"voice\":\"" + voiceId + "\",\"input\":\"" + SENTENCE + "\",\"response_format\":\"pcm\","
                + "\"exaggeration\":0.5,\"cfg_weight\":0.5,\"temperature\":0.8,\"seed\":" + SEED + "}";
        Mode requestQueue = new Mode() {
            public String name() { return "requests"; }

            public Outcome call(int worker) throws Exception {
                Session session = clientSessions[worker];
                long start = System.nanoTime();
                TextMessage request = session.createTextMessage(speechJson);
                request.setStringProperty("request", "speech");
                request.setJMSCorrelationID("w" + worker + "-" + sent.incrementAndGet());
                request.setJMSReplyTo(replyQueue);
                clientProducers[worker].send(request);
                Message reply = clientConsumers[worker].receive(120_000);
                if (reply == null) {
                    throw new IllegalStateException("no reply within 120 s");
                }
                if (!request.getJMSCorrelationID().equals(reply.getJMSCorrelationID()) || reply.getIntProperty("status") != 200) {
                    throw new IllegalStateException("unexpected reply " + reply.getIntProperty("status") + ": "
                            + (reply instanceof TextMessage t ? t.getText() : reply.getJMSCorrelationID()));
                }
                return new Outcome((System.nanoTime() - start) / 1e9, ((BytesMessage) reply).getBodyLength() / 2);
            }

            public void close() throws Exception {
                clientConnection.close();
            }
        };

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        Mode web = new Mode() {
            public String name() { return "http"; }

            public Outcome call(int worker) throws Exception {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/v1/audio/speech"))
                        .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(speechJson)).build();
                long start = System.nanoTime();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                double seconds = (System.nanoTime() - start) / 1e9;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("speech answered " + response.statusCode() + ": " + new String(response.body()));
                }
                return new Outcome(seconds, response.body().length / 2);
            }
        };

        List<Mode> modes = List.of(direct, jms, requestQueue, web);
        for (Mode m : modes) {   // warm-up, not counted: JIT on both sides, the voice's spectrum, connections
            run(m, WARM_UP, 1, stackPid, ticks);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int level : levels) {
            for (Mode m : modes) {
                Map<String, Object> row = run(m, requests, level, stackPid, ticks);
                rows.add(row);
                System.err.println(row);
            }
        }
        for (Mode m : modes) {
            m.close();
        }

        StringBuilder json = new StringBuilder("{\"sentence\":" + quote(SENTENCE) + ",\"characters\":" + SENTENCE.length()
                + ",\"settings\":" + SETTINGS_JSON + ",\"base_voice\":" + quote(baseVoice)
                + ",\"engine_start_s\":" + fmt(engineStart) + ",\"requests\":" + requests + ",\"warm_up\":" + WARM_UP + ",\"rows\":[");
        for (int i = 0; i < rows.size(); i++) {
            json.append(i == 0 ? "" : ",").append(toJson(rows.get(i)));
        }
        System.out.println(json.append("]}"));
        System.exit(0);
    }

    /** {@code count} requests, {@code level} at a time, each thread taking the next until all are taken. */
    static Map<String, Object> run(Mode mode, int count, int level, int stackPid, int ticks) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(level);
        long clientCpu0 = processCpuNanos();
        long stackTicks0 = treeTicks(stackPid);
        long start = System.nanoTime();
        List<Future<Void>> done = new ArrayList<>();
        for (int w = 0; w < level; w++) {
            int worker = w;
            done.add(pool.submit((Callable<Void>) () -> {
                while (next.getAndIncrement() < count) {
                    outcomes.add(mode.call(worker));
                }
                return null;
            }));
        }
        for (Future<Void> f : done) {
            f.get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double stackCpu = (treeTicks(stackPid) - stackTicks0) / (double) ticks;
        double clientCpu = (processCpuNanos() - clientCpu0) / 1e9;
        pool.shutdown();
        List<Double> latencies = new ArrayList<>();
        long samples = 0;
        for (Outcome o : outcomes) {
            latencies.add(o.seconds());
            samples += o.samples();
        }
        Collections.sort(latencies);
        Map<String, Object> row = new HashMap<>();
        row.put("mode", mode.name());
        row.put("concurrency", level);
        row.put("requests", count);
        row.put("wall_s", wall);
        row.put("requests_per_s", count / wall);
        row.put("median_s", percentile(latencies, 50));
        row.put("p90_s", percentile(latencies, 90));
        row.put("audio_s_per_request", samples / (double) count / 24000.0);
        row.put("client_cpu_s_per_request", clientCpu / count);
        row.put("stack_cpu_s_per_request", stackCpu / count);
        return row;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** User + system clock ticks of {@code root} and every live process below it (the stack's JVM and PostgreSQL). */
    static long treeTicks(int root) throws Exception {
        Map<Integer, Integer> parent = new HashMap<>();
        Map<Integer, Long> used = new HashMap<>();
        File[] entries = new File("/proc").listFiles();
        if (entries == null) {
            return 0;
        }
        for (File d : entries) {
            if (!d.getName().chars().allMatch(Character::isDigit)) {
                continue;
            }
            String stat;
            try {
                stat = Files.readString(d.toPath().resolve("stat"));
            } catch (Exception gone) {
                continue;
            }
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            int pid = Integer.parseInt(d.getName());
            parent.put(pid, Integer.parseInt(f[1]));
            used.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
        }
        long total = 0;
        for (Map.Entry<Integer, Long> e : used.entrySet()) {
            int p = e.getKey();
            for (int hops = 0; p > 1 && hops < 64; hops++) {
                if (p == root) {
                    total += e.getValue();
                    break;
                }
                p = parent.getOrDefault(p, 0);
            }
        }
        return total;
    }

    static PcmAudio readWav(Path file) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            var format = in.getFormat();
            if (format.getChannels() != 1 || format.getSampleSizeInBits() != 16 || format.isBigEndian()) {
                throw new IllegalArgumentException("expected 16-bit little-endian mono: " + format);
            }
            byte[] bytes = readAll(in);
            float[] samples = new float[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8)) / 32768f;
            }
            return new PcmAudio(samples, (int) format.getSampleRate());
        }
    }

    static byte[] readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String toJson(Map<String, Object> row) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : row.entrySet()) {
            b.append(b.length() == 1 ? "" : ",").append(quote(e.getKey())).append(':');
            Object v = e.getValue();
            b.append(v instanceof Double d ? fmt(d) : v instanceof String s ? quote(s) : String.valueOf(v));
        }
        return b.append('}').toString();
    }
}

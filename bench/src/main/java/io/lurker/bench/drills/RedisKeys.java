package io.lurker.bench.drills;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Deletes a drill's Redis keys (SCAN MATCH prefix* + DEL) over plain RESP; bench has no Redis client otherwise. */
final class RedisKeys {

    private RedisKeys() {
    }

    /** @return keys deleted, or -1 when Redis could not be reached */
    static long deleteByPrefix(String host, int port, String prefix) {
        if (prefix.isEmpty() || prefix.contains("*")) {
            throw new IllegalArgumentException("a literal, non-empty prefix");
        }
        long deleted = 0;
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String cursor = "0";
            do {
                command(out, "SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000");
                @SuppressWarnings("unchecked")
                List<Object> reply = (List<Object>) read(in);
                cursor = (String) reply.get(0);
                @SuppressWarnings("unchecked")
                List<Object> keys = (List<Object>) reply.get(1);
                if (!keys.isEmpty()) {
                    List<String> del = new ArrayList<>();
                    del.add("DEL");
                    keys.forEach(k -> del.add((String) k));
                    command(out, del.toArray(String[]::new));
                    deleted += (Long) read(in);
                }
            } while (!cursor.equals("0"));
            return deleted;
        } catch (IOException e) {
            System.err.println("could not delete the drill's Redis keys: " + e.getMessage());
            return -1;
        }
    }

    private static void command(OutputStream out, String... parts) throws IOException {
        StringBuilder b = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String p : parts) {
            byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
            b.append('$').append(bytes.length).append("\r\n").append(p).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IOException("redis: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(n);
                in.readNBytes(2);
                return new String(data, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP type " + type);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            b.append((char) c);
        }
        in.read();
        return b.toString();
    }
}

package io.redset.alerts.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A local SMTP server for tests: serves each session on a virtual thread, answers every command with a
 * success code (or, while {@link #refuseNext} says so, {@code 451} to {@code MAIL FROM}), and keeps
 * the transcript of each accepted message (commands, headers and body).
 */
public final class FakeSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final Queue<String> messages = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;
    private final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();

    public FakeSmtpServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("fake-smtp").start(this::serve);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next n sessions get a temporary failure ({@code 451}) and deliver nothing. */
    public void refuseNext(int n) {
        refusals.set(n);
    }

    /** One transcript per accepted message, in order of arrival. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    public int count() {
        return messages.size();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        session(s);
                    } catch (IOException e) {
                        // the client went away
                    }
                });
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    private void session(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        write(out, "220 fake ESMTP");
        StringBuilder seen = new StringBuilder();
        boolean data = false;
        String line;
        while ((line = in.readLine()) != null) {
            seen.append(line).append('\n');
            if (data) {
                if (line.equals(".")) {
                    data = false;
                    messages.add(seen.toString());
                    seen.setLength(0);
                    write(out, "250 queued");
                }
            } else if (line.startsWith("EHLO") || line.startsWith("HELO")) {
                write(out, "250 fake");
            } else if (line.startsWith("MAIL FROM") && refusals.getAndUpdate(r -> Math.max(0, r - 1)) > 0) {
                write(out, "451 try again later");
            } else if (line.startsWith("DATA")) {
                data = true;
                write(out, "354 go on");
            } else if (line.startsWith("QUIT")) {
                write(out, "221 bye");
                return;
            } else {
                write(out, "250 ok");
            }
        }
    }

    private static void write(OutputStream out, String answer) throws IOException {
        out.write((answer + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor.interrupt();
    }
}

package com.phoneverify.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection on a plain socket, so that a request is sent byte
 * for byte as written (any method, any path, any header, invalid UTF-8), from a local
 * address of the caller's choice. Not thread-safe: one per thread.
 */
final class RawHttpConnection implements AutoCloseable {

	private final InetAddress localAddress;

	private final int port;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	RawHttpConnection(InetAddress localAddress, int port) {
		this.localAddress = localAddress;
		this.port = port;
	}

	/**
	 * The server's answer.
	 *
	 * @param status the status code, or -1 when the connection ended without one
	 * @param headers lower-case names, last value wins
	 */
	record Reply(int status, Map<String, String> headers, byte[] body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/** Sends one request (Content-Length from the body) and reads its response. */
	Reply exchange(String method, String target, List<String[]> headers, byte[] body) throws IOException {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		StringBuilder head = new StringBuilder(method).append(' ')
			.append(target)
			.append(" HTTP/1.1\r\nHost: localhost:")
			.append(this.port)
			.append("\r\n");
		for (String[] header : headers) {
			head.append(header[0]).append(": ").append(header[1]).append("\r\n");
		}
		// one request per connection: a server that answers before it read the body (413,
		// or a request refused below the application) leaves no bytes behind for the next
		head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
		request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
		request.writeBytes(body);
		try {
			return send(request.toByteArray(), method);
		}
		finally {
			close();
		}
	}

	private Reply send(byte[] request, String method) throws IOException {
		connect();
		try {
			this.out.write(request);
			this.out.flush();
		}
		catch (IOException ex) {
			// the server may answer and close before it read a large body: read what came
		}
		try {
			return read(method.equalsIgnoreCase("HEAD"));
		}
		catch (IOException ex) {
			close();
			return new Reply(-1, Map.of(), new byte[0]);
		}
	}

	private void connect() throws IOException {
		if (this.socket != null && !this.socket.isClosed()) {
			return;
		}
		this.socket = new Socket();
		this.socket.bind(new InetSocketAddress(this.localAddress, 0));
		this.socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 5_000);
		this.socket.setSoTimeout(10_000);
		this.in = new BufferedInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
	}

	private Reply read(boolean head) throws IOException {
		String statusLine = line();
		while (statusLine.isEmpty()) {
			statusLine = line();
		}
		String[] parts = statusLine.split(" ", 3);
		int status = Integer.parseInt(parts[1]);
		Map<String, String> headers = new HashMap<>();
		for (String line = line(); !line.isEmpty(); line = line()) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
		}
		if (status == 100) {
			return read(head);
		}
		byte[] body;
		if (head || status == 204 || status == 304) {
			body = new byte[0];
		}
		else if (headers.containsKey("content-length")) {
			body = this.in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = chunked();
		}
		else {
			body = this.in.readAllBytes();
			close();
		}
		return new Reply(status, headers, body);
	}

	private byte[] chunked() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			int size = Integer.parseInt(line().split(";")[0].strip(), 16);
			if (size == 0) {
				while (!line().isEmpty()) {
					// trailers
				}
				return body.toByteArray();
			}
			body.writeBytes(this.in.readNBytes(size));
			line();
		}
	}

	private String line() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != '\n') {
			if (b < 0) {
				throw new IOException("connection closed");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// gone already
			}
		}
		this.socket = null;
	}

}

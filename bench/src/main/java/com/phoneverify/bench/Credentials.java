package com.phoneverify.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The demo merchant that devstack created, read from {@code .devstack/merchant.env}. */
record Credentials(String url, String keyId, String secret) {

	static Credentials fromDevstack(Path env) throws IOException {
		if (!Files.exists(env)) {
			throw new IllegalStateException(env + " not found: start devstack first (./devstack.sh)");
		}
		Map<String, String> values = new HashMap<>();
		for (String line : Files.readAllLines(env)) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				values.put(line.substring(0, eq), line.substring(eq + 1));
			}
		}
		return new Credentials(values.get("PV_URL"), values.get("PV_KEY_ID"), values.get("PV_SECRET"));
	}

	/**
	 * The same merchant at another gateway URL (e.g. a second instance); null keeps it.
	 */
	Credentials withUrl(String url) {
		return (url != null) ? new Credentials(url, this.keyId, this.secret) : this;
	}

}

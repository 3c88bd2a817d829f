package com.phoneverify.transfer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.phoneverify.transfer.evidence.VerifyEvidence;

/** Runs the documented verifier on evidence text, through files as a user would. */
final class EvidenceFiles {

	private EvidenceFiles() {
	}

	/** The verifier's exit status for one document. */
	static int verify(String evidence, String publicKeyPem) throws Exception {
		Path dir = Files.createTempDirectory("evidence");
		Path doc = Files.writeString(dir.resolve("doc.json"), evidence, StandardCharsets.UTF_8);
		Path key = Files.writeString(dir.resolve("key.pem"), publicKeyPem, StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		return VerifyEvidence.run(new String[] { key.toString(), doc.toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8));
	}

}

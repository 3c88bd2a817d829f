package com.phoneverify.transfer.evidence;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies evidence files with nothing but the JDK and the service's public key, no
 * database:
 *
 * <pre>
 * java -cp transfer-consent-service/target/transfer-consent-service-0.1.0-SNAPSHOT.jar \
 *   com.phoneverify.transfer.evidence.VerifyEvidence evidence-public-key.pem doc1.json [doc2.json …]
 * </pre>
 *
 * For each file: the SHA-256 of the canonical document is the recorded one and the
 * Ed25519 signature verifies. Files given in chain order are also checked to link: each
 * one's {@code previousSha256} is the hash of the one before and its {@code sequence} the
 * next number. Exit status 0 when everything holds, 1 when anything does not (each
 * problem printed), 2 on wrong usage.
 */
public final class VerifyEvidence {

	private VerifyEvidence() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out));
	}

	/** The command, for tests: the exit status. */
	public static int run(String[] args, PrintStream out) {
		if (args.length < 2) {
			out.println("usage: VerifyEvidence <public-key.pem> <evidence.json>...");
			return 2;
		}
		EvidenceKeys keys;
		try {
			keys = EvidenceKeys.verifier(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
		}
		catch (IOException | IllegalArgumentException ex) {
			out.println("cannot read the public key " + args[0] + ": " + ex.getMessage());
			return 2;
		}
		List<String> problems = new ArrayList<>();
		SignedEvidence previous = null;
		for (int i = 1; i < args.length; i++) {
			String file = args[i];
			SignedEvidence evidence;
			try {
				evidence = SignedEvidence.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8));
			}
			catch (IOException | IllegalArgumentException ex) {
				problems.add(file + ": " + ex.getMessage());
				previous = null;
				continue;
			}
			evidence.problems(keys).forEach((problem) -> problems.add(file + ": " + problem));
			if (previous != null) {
				if (!previous.sha256().equals(evidence.previousSha256())) {
					problems.add(file + ": previousSha256 is not the hash of " + args[i - 1]);
				}
				if (previous.sequence() == null || evidence.sequence() == null
						|| evidence.sequence() != previous.sequence() + 1) {
					problems.add(file + ": sequence does not follow " + args[i - 1]);
				}
			}
			if (problems.stream().noneMatch((problem) -> problem.startsWith(file + ": "))) {
				out.println(file + ": OK (sequence " + evidence.sequence() + ", sha256 " + evidence.sha256() + ")");
			}
			previous = evidence;
		}
		problems.forEach((problem) -> out.println("FAILED " + problem));
		return problems.isEmpty() ? 0 : 1;
	}

}

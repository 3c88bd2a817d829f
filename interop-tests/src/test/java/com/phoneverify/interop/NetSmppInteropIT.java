package com.phoneverify.interop;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.TransferId;
import com.phoneverify.contracts.sms.SmsDeliveryStatus;
import com.phoneverify.contracts.sms.SmsStatusChanged;
import com.phoneverify.contracts.transfer.ConsentReplied;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import com.phoneverify.sms.SmsRelayApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static com.phoneverify.interop.SmsEvents.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our relay against an SMSC built on Perl's Net::SMPP (Debian's libnet-smpp-perl), an
 * SMPP implementation nobody here wrote: it binds as a transceiver, submits, gets the
 * submit response and the delivery receipt, and turns the SMSC's mobile-originated reply
 * into {@code consent-replied}.
 */
class NetSmppInteropIT {

	private static final Charset EUC_KR = Charset.forName("EUC-KR");

	private static final String SENDER = "15885555";

	private static final String TWO_WAY = "15886666";

	@Test
	void theRelaySubmitsGetsTheReceiptAndTheReplyFromANetSmppSmsc() throws Exception {
		Path work = Files.createTempDirectory("net-smpp-");
		Path script = work.resolve("net-smpp-smsc.pl");
		try (InputStream in = getClass().getResourceAsStream("/smpp/net-smpp-smsc.pl")) {
			Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
		}
		Path portFile = work.resolve("port");
		Path log = work.resolve("smsc.log");
		Process smsc = new ProcessBuilder("perl", script.toString(), portFile.toString(), log.toString(), TWO_WAY,
				HexFormat.of().formatHex("482913 동의".getBytes(EUC_KR)))
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("perl.out").toFile())
			.start();
		try (SmsEvents events = new SmsEvents()) {
			await("the Net::SMPP SMSC to listen (see " + work + ")", Duration.ofSeconds(20),
					() -> Files.exists(portFile));
			int port = Integer.parseInt(Files.readString(portFile).trim());
			try (ConfigurableApplicationContext relay = new SpringApplicationBuilder(SmsRelayApplication.class)
				.initializers(new EmbeddedInfraInitializer())
				.run("--spring.config.name=sms-relay-service", "--server.port=0", "--sms.smsc.port=" + port,
						"--sms.smsc.system-id=interop-relay",
						"--sms.sealing.keys." + SmsEvents.KEY_ID + "=" + SmsEvents.KEY,
						"--sms.sealing.current-key-id=" + SmsEvents.KEY_ID, "--sms.sender-numbers[0]=" + SENDER,
						"--sms.two-way-number=" + TWO_WAY, "--sms.dispatch.poll-interval=50ms",
						"--messaging.consumes.sms-outbound=sms-relay-interop-net-smpp")) {
				String recipient = "+821044447777";
				TransferId transfer = TransferId.random();
				SmsMessageId id = events.request(SENDER, recipient, "[은행] 인증번호 482913 을 회신하세요", transfer);

				await("delivered", Duration.ofSeconds(60),
						() -> statuses(events, id).contains(SmsDeliveryStatus.DELIVERED));
				assertThat(statuses(events, id)).containsExactly(SmsDeliveryStatus.QUEUED, SmsDeliveryStatus.SUBMITTED,
						SmsDeliveryStatus.DELIVERED);
				await("consent-replied", Duration.ofSeconds(30), () -> !events.payloads(transfer).isEmpty());
				ConsentReplied reply = (ConsentReplied) events.payloads(transfer).get(0);
				assertThat(reply.inReplyTo()).isEqualTo(id);
				assertThat(SmsEvents.SEALER.open(reply.sender(), ConsentReplied.sealingContext(transfer, "sender")))
					.isEqualTo(recipient);
				assertThat(SmsEvents.SEALER.open(reply.text(), ConsentReplied.sealingContext(transfer, "text")))
					.isEqualTo("482913 동의");

				List<String> lines = Files.readAllLines(log);
				assertThat(lines).contains("BIND interop-relay");
				assertThat(lines).filteredOn((line) -> line.startsWith("SUBMIT ")).singleElement().satisfies((line) -> {
					String[] fields = line.split(" ");
					assertThat(fields[2]).isEqualTo(SENDER);
					assertThat(fields[3]).isEqualTo("821044447777");
					assertThat(fields[4]).isEqualTo("14");
					assertThat(new String(HexFormat.of().parseHex(fields[6]), EUC_KR))
						.isEqualTo("[은행] 인증번호 482913 을 회신하세요");
				});
				// the relay answered the receipt and the MO with ESME_ROK
				assertThat(lines).filteredOn((line) -> line.startsWith("DELIVER_SM_RESP "))
					.hasSize(2)
					.allSatisfy((line) -> assertThat(line).endsWith(" 0"));
			}
		}
		finally {
			smsc.destroyForcibly();
		}
	}

	private static List<SmsDeliveryStatus> statuses(SmsEvents events, SmsMessageId id) {
		return events.payloads(id).stream().map((payload) -> ((SmsStatusChanged) payload).status()).toList();
	}

}

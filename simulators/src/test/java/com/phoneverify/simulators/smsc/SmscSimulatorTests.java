package com.phoneverify.simulators.smsc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The simulator over SMPP, driven by jSMPP's client (an ESME). */
class SmscSimulatorTests {

	private static final Charset EUC_KR = Charset.forName("EUC-KR");

	private SmscSimulator smsc;

	private SMPPSession esme;

	private final BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();

	@BeforeEach
	void bind() throws Exception {
		this.smsc = SmscSimulator.start(SmscSimulatorOptions.defaults());
		this.esme = new SMPPSession();
		this.esme.setMessageReceiverListener(new MessageReceiverListener() {

			@Override
			public void onAcceptDeliverSm(DeliverSm deliverSm) {
				SmscSimulatorTests.this.delivered.add(deliverSm);
			}

			@Override
			public void onAcceptAlertNotification(AlertNotification alertNotification) {
			}

			@Override
			public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
				return null;
			}
		});
		this.esme.connectAndBind("127.0.0.1", this.smsc.address().getPort(), new BindParameter(BindType.BIND_TRX,
				"relay", "pw", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
	}

	@AfterEach
	void close() {
		this.esme.unbindAndClose();
		this.smsc.close();
	}

	@Test
	void aKoreanShortMessageReachesTheHandsetAndIsReceipted() throws Exception {
		String id = submit("821012345678", "인증번호 123456".getBytes(EUC_KR), (byte) 0x0E, (byte) 0);

		assertThat(this.smsc.inbox("821012345678")).singleElement()
			.satisfies((message) -> assertThat(message.text()).isEqualTo("인증번호 123456"));
		DeliverSm receipt = this.delivered.poll(5, TimeUnit.SECONDS);
		assertThat(receipt).isNotNull();
		assertThat(receipt.isSmscDeliveryReceipt()).isTrue();
		assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII)).startsWith("id:" + id + " ")
			.contains("stat:DELIVRD err:000");
	}

	@Test
	void concatenatedUcs2PartsAreReassembledInAnyOrder() throws Exception {
		byte[] second = udh(7, 2, 2, "세계".getBytes(StandardCharsets.UTF_16BE));
		byte[] first = udh(7, 2, 1, "안녕 ".getBytes(StandardCharsets.UTF_16BE));
		submit("821011112222", second, (byte) 0x08, (byte) 0x40);
		assertThat(this.smsc.inbox("821011112222")).isEmpty();
		submit("821011112222", first, (byte) 0x08, (byte) 0x40);

		assertThat(this.smsc.inbox("821011112222")).singleElement().satisfies((message) -> {
			assertThat(message.text()).isEqualTo("안녕 세계");
			assertThat(message.parts()).isEqualTo(2);
			assertThat(message.smscMessageIds()).hasSize(2);
		});
	}

	@Test
	void messagePayloadCarriesALongMessage() throws Exception {
		String text = "가".repeat(500);
		this.esme.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "15880000",
				TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "821033334444", new ESMClass(), (byte) 0,
				(byte) 0, null, null, new RegisteredDelivery(0), (byte) 0, DataCodings.newInstance((byte) 0x0E),
				(byte) 0, new byte[0],
				new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), text.getBytes(EUC_KR)));

		assertThat(this.smsc.inbox("821033334444")).singleElement().satisfies((message) -> {
			assertThat(message.text()).isEqualTo(text);
			assertThat(message.viaPayload()).isTrue();
		});
	}

	@Test
	void theThrottleSwitchRefusesEverySecondSubmit() throws Exception {
		this.smsc.switches().throttleEvery(2);
		submit("821055556666", "a".getBytes(EUC_KR), (byte) 0x0E, (byte) 0);

		assertThatExceptionOfType(NegativeResponseException.class)
			.isThrownBy(() -> submit("821055556666", "b".getBytes(EUC_KR), (byte) 0x0E, (byte) 0))
			.satisfies((ex) -> assertThat(ex.getCommandStatus()).isEqualTo(0x58));
		assertThat(this.smsc.inbox("821055556666")).hasSize(1);
	}

	@Test
	void aHandsetRepliesThroughTheHttpApi() throws Exception {
		try (SmscHttpApi api = SmscHttpApi.start(this.smsc, "127.0.0.1", 0)) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create(
							"http://127.0.0.1:" + api.address().getPort() + "/handsets/821077778888/reply?to=15880000"))
					.POST(HttpRequest.BodyPublishers.ofString("123456 동의", StandardCharsets.UTF_8))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(202);

			DeliverSm mo = this.delivered.poll(5, TimeUnit.SECONDS);
			assertThat(mo).isNotNull();
			assertThat(mo.isSmscDeliveryReceipt()).isFalse();
			assertThat(mo.getSourceAddr()).isEqualTo("821077778888");
			assertThat(mo.getDestAddress()).isEqualTo("15880000");
			assertThat(new String(mo.getShortMessage(), EUC_KR)).isEqualTo("123456 동의");
		}
	}

	@Test
	void theDisconnectSwitchDropsTheLinkWithoutTakingTheMessage() throws Exception {
		this.smsc.switches().disconnectAfter(1);
		submit("821099990000", "first".getBytes(EUC_KR), (byte) 0x0E, (byte) 0);
		this.esme.setTransactionTimer(2000);

		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> submit("821099990000", "second".getBytes(EUC_KR), (byte) 0x0E, (byte) 0));
		assertThat(this.smsc.inbox("821099990000")).extracting(HandsetMessage::text).containsExactly("first");
	}

	@Test
	void aHandsetKeepsItsLatestMessagesAndTheCountersCountEveryOne() throws Exception {
		int sent = SmscSimulator.INBOX_CAPACITY + 5;
		for (int i = 0; i < sent; i++) {
			this.esme.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "15880000",
					TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "821044445555", new ESMClass(), (byte) 0,
					(byte) 0, null, null, new RegisteredDelivery(0), (byte) 0, DataCodings.newInstance((byte) 0),
					(byte) 0, ("n" + i).getBytes(StandardCharsets.US_ASCII));
		}

		assertThat(this.smsc.inbox("821044445555")).hasSize(SmscSimulator.INBOX_CAPACITY)
			.extracting(HandsetMessage::text)
			.startsWith("n5")
			.endsWith("n" + (sent - 1));
		assertThat(this.smsc.stats().messages()).isEqualTo(sent);
		assertThat(this.smsc.stats().submitsAccepted()).isEqualTo(sent);
		this.smsc.clearInboxes();
		assertThat(this.smsc.stats().messages()).isZero();
		assertThat(this.smsc.inbox("821044445555")).isEmpty();
	}

	private String submit(String to, byte[] bytes, byte dataCoding, byte esmClass) throws Exception {
		return this.esme.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "15880000",
				TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(esmClass), (byte) 0, (byte) 0,
				null, null, new RegisteredDelivery(1), (byte) 0, DataCodings.newInstance(dataCoding), (byte) 0, bytes)
			.getMessageId();
	}

	private static byte[] udh(int reference, int total, int sequence, byte[] body) {
		byte[] data = new byte[6 + body.length];
		data[0] = 5;
		data[1] = 0;
		data[2] = 3;
		data[3] = (byte) reference;
		data[4] = (byte) total;
		data[5] = (byte) sequence;
		System.arraycopy(body, 0, data, 6, body.length);
		return data;
	}

}

package com.phoneverify.otp.token.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.messaging.support.Rows;
import com.phoneverify.otp.algorithm.HmacAlgorithm;
import com.phoneverify.otp.channel.CustomerKind;
import com.phoneverify.otp.registry.DeviceId;
import com.phoneverify.otp.token.CodeSettings;
import com.phoneverify.otp.token.Customer;
import com.phoneverify.otp.token.OtpProblem;
import com.phoneverify.otp.token.OtpRefusal;
import com.phoneverify.otp.token.Token;
import com.phoneverify.otp.token.TokenKind;
import com.phoneverify.otp.token.TokenStatus;
import com.phoneverify.otp.token.Tokens;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;

/** {@link Tokens} on {@code otp.customers} and {@code otp.tokens}. */
final class R2dbcTokens implements Tokens {

	private static final String LIVE = "status in ('ACTIVE', 'LOST', 'UNUSABLE')";

	private final DatabaseClient db;

	private final Sealer secrets;

	R2dbcTokens(DatabaseClient db, Sealer secrets) {
		this.db = db;
		this.secrets = secrets;
	}

	static String associatedData(UUID tokenId) {
		return "otp-token/" + tokenId;
	}

	@Override
	public Mono<Customer> enrolAndLock(String customerKey, CustomerKind kind) {
		return this.db
			.sql("insert into otp.customers (customer_key, kind) values (:key, :kind) "
					+ "on conflict (customer_key) do update set kind = excluded.kind")
			.bind("key", customerKey)
			.bind("kind", kind.name())
			.then()
			.then(lockCustomer(customerKey));
	}

	@Override
	public Mono<Customer> lockCustomer(String customerKey) {
		return customer(customerKey, " for update");
	}

	@Override
	public Mono<Customer> findCustomer(String customerKey) {
		return customer(customerKey, "");
	}

	private Mono<Customer> customer(String customerKey, String lock) {
		return this.db
			.sql("select customer_key, kind, security_card, failures from otp.customers where customer_key = :key"
					+ lock)
			.bind("key", customerKey)
			.map((row) -> new Customer(row.get("customer_key", String.class),
					CustomerKind.valueOf(row.get("kind", String.class)), row.get("security_card", Boolean.class),
					row.get("failures", Integer.class)))
			.one();
	}

	@Override
	public Mono<Void> setFailures(String customerKey, int failures) {
		return this.db.sql("update otp.customers set failures = :failures where customer_key = :key")
			.bind("failures", failures)
			.bind("key", customerKey)
			.then();
	}

	@Override
	public Mono<Void> setSecurityCard(String customerKey, boolean securityCard) {
		return this.db.sql("update otp.customers set security_card = :card where customer_key = :key")
			.bind("card", securityCard)
			.bind("key", customerKey)
			.then();
	}

	@Override
	public Flux<Token> tokensOf(String customerKey) {
		return this.db.sql("select * from otp.tokens where customer_key = :key order by created_at desc, id")
			.bind("key", customerKey)
			.map(this::token)
			.all();
	}

	@Override
	public Mono<Token> liveToken(String customerKey, TokenKind kind) {
		return this.db.sql("select * from otp.tokens where customer_key = :key and kind = :kind and " + LIVE)
			.bind("key", customerKey)
			.bind("kind", kind.name())
			.map(this::token)
			.one();
	}

	@Override
	public Mono<Token> liveHardware(DeviceId device) {
		return this.db
			.sql("select * from otp.tokens where kind = 'HARDWARE' and vendor_code = :vendor and serial = :serial and "
					+ LIVE)
			.bind("vendor", device.vendorCode())
			.bind("serial", device.serial())
			.map(this::token)
			.one();
	}

	@Override
	public Mono<Token> byId(UUID id) {
		return this.db.sql("select * from otp.tokens where id = :id").bind("id", id).map(this::token).one();
	}

	@Override
	public Mono<Void> insert(Token token) {
		SealedValue sealed = this.secrets.seal(HexFormat.of().formatHex(token.secret()), associatedData(token.id()));
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into otp.tokens (id, customer_key, kind, "
					+ "vendor_code, serial, mobile_device, time_based, algorithm, digits, step_seconds, secret_key_id, "
					+ "secret_nonce, secret_ciphertext, moving_factor, ocra_last_step, status, warranty_from, "
					+ "warranty_until, valid_until, pin_hash, pin_failures, created_at) values (:id, :customer, :kind, "
					+ ":vendor, :serial, :mobile, :timeBased, :algorithm, :digits, :step, :keyId, :nonce, :ciphertext, "
					+ ":moving, :ocra, :status, :warrantyFrom, :warrantyUntil, :validUntil, :pinHash, :pinFailures, "
					+ ":createdAt)")
			.bind("id", token.id())
			.bind("customer", token.customerKey())
			.bind("kind", token.kind().name())
			.bind("timeBased", token.settings().timeBased())
			.bind("algorithm", token.settings().algorithm().label())
			.bind("digits", token.settings().digits())
			.bind("step", token.settings().stepSeconds())
			.bind("keyId", sealed.keyId())
			.bind("nonce", sealed.nonce())
			.bind("ciphertext", sealed.ciphertext())
			.bind("moving", token.movingFactor())
			.bind("ocra", token.ocraLastStep())
			.bind("status", token.status().name())
			.bind("pinFailures", token.pinFailures())
			.bind("createdAt", token.createdAt().atOffset(ZoneOffset.UTC));
		DeviceId device = token.hardwareDevice();
		insert = bindNullable(insert, "vendor", (device != null) ? device.vendorCode() : null, String.class);
		insert = bindNullable(insert, "serial", (device != null) ? device.serial() : null, String.class);
		insert = bindNullable(insert, "mobile", token.mobileDevice(), String.class);
		insert = bindNullable(insert, "warrantyFrom", token.warrantyFrom(), LocalDate.class);
		insert = bindNullable(insert, "warrantyUntil", token.warrantyUntil(), LocalDate.class);
		insert = bindNullable(insert, "validUntil",
				(token.validUntil() != null) ? token.validUntil().atOffset(ZoneOffset.UTC) : null,
				OffsetDateTime.class);
		insert = bindNullable(insert, "pinHash", token.pinHash(), String.class);
		// the partial unique indexes decide a race the checks before the insert cannot
		// see
		return insert.then()
			.onErrorMap(DataIntegrityViolationException.class,
					(ex) -> new OtpRefusal(OtpProblem.DUPLICATE_REGISTRATION,
							"the customer or the device already has a live " + token.kind().name().toLowerCase()
									+ " OTP (registered concurrently)"));
	}

	@Override
	public Mono<Void> update(Token token) {
		return this.db
			.sql("update otp.tokens set moving_factor = :moving, ocra_last_step = :ocra, status = :status, "
					+ "pin_failures = :pinFailures, updated_at = now() where id = :id")
			.bind("moving", token.movingFactor())
			.bind("ocra", token.ocraLastStep())
			.bind("status", token.status().name())
			.bind("pinFailures", token.pinFailures())
			.bind("id", token.id())
			.then();
	}

	private static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec,
			String name, @Nullable T value, Class<T> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

	private Token token(Readable row) {
		UUID id = row.get("id", UUID.class);
		SealedValue sealed = new SealedValue(row.get("secret_key_id", String.class),
				row.get("secret_nonce", String.class), row.get("secret_ciphertext", String.class));
		byte[] secret = HexFormat.of().parseHex(this.secrets.open(sealed, associatedData(id)));
		String vendor = row.get("vendor_code", String.class);
		Instant validUntil = Rows.instant(row.get("valid_until"));
		return new Token(id, row.get("customer_key", String.class), TokenKind.valueOf(row.get("kind", String.class)),
				(vendor != null) ? new DeviceId(vendor, row.get("serial", String.class)) : null,
				row.get("mobile_device", String.class),
				new CodeSettings(row.get("time_based", Boolean.class),
						HmacAlgorithm.named(row.get("algorithm", String.class)), row.get("digits", Integer.class),
						row.get("step_seconds", Integer.class)),
				secret, row.get("moving_factor", Long.class), row.get("ocra_last_step", Long.class),
				TokenStatus.valueOf(row.get("status", String.class)), row.get("warranty_from", LocalDate.class),
				row.get("warranty_until", LocalDate.class), validUntil, row.get("pin_failures", Integer.class),
				row.get("pin_hash", String.class), Rows.instant(row.get("created_at")));
	}

}

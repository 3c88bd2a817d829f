package com.phoneverify.gateway.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.phoneverify.contracts.http.RequestSignature;
import com.phoneverify.gateway.GatewayProperties;
import com.phoneverify.gateway.merchant.MerchantDirectory;
import com.phoneverify.gateway.web.ApiPaths;
import com.phoneverify.gateway.web.ApiProblem;
import com.phoneverify.gateway.web.ProblemExceptionHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Authenticates every {@code /v1/**} request by its {@link RequestSignature}. The body is
 * read once (at most {@code gateway.signing.max-body-size}), digested, and handed on to
 * the controller from memory. Safe methods record their nonce here; unsafe ones leave it
 * to the handler's transaction (see {@link SignedRequest}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSignatureFilter implements WebFilter {

	private static final byte[] NO_BODY = new byte[0];

	private final MerchantDirectory merchants;

	private final NonceStore nonces;

	private final Clock clock;

	private final long windowSeconds;

	private final int maxBodyBytes;

	RequestSignatureFilter(MerchantDirectory merchants, NonceStore nonces, Clock clock, GatewayProperties properties) {
		this.merchants = merchants;
		this.nonces = nonces;
		this.clock = clock;
		this.windowSeconds = properties.signing().window().toSeconds();
		this.maxBodyBytes = (int) properties.signing().maxBodySize().toBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!ApiPaths.isApi(request)) {
			return chain.filter(exchange);
		}
		if (ApiPaths.isUnusual(request)) {
			// the router would decode the path or drop its matrix variables: refuse what
			// would be authenticated and routed on different paths
			return Mono.error(ApiProblem.notFound("no resource at this path"));
		}
		String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header == null || header.isBlank()) {
			return Mono.error(SignatureProblems.missing());
		}
		Optional<RequestSignature> parsed = RequestSignature.parse(header);
		if (parsed.isEmpty()) {
			return Mono.error(SignatureProblems.malformed());
		}
		RequestSignature signature = parsed.get();
		long skew = signature.timestamp() - this.clock.instant().getEpochSecond();
		if (Math.abs(skew) > this.windowSeconds) {
			return Mono.error(SignatureProblems.expired(skew, this.windowSeconds));
		}
		if (request.getHeaders().getContentLength() > this.maxBodyBytes) {
			return Mono.error(ProblemExceptionHandler.payloadTooLarge());
		}
		return this.merchants.credential(signature.keyId())
			.switchIfEmpty(Mono.error(SignatureProblems::unknownKey))
			.zipWith(readBody(request))
			.flatMap((credentialAndBody) -> {
				byte[] body = credentialAndBody.getT2();
				if (!signature.matches(credentialAndBody.getT1().secret(), request.getMethod().name(),
						pathWithQuery(request), body)) {
					return Mono.error(SignatureProblems.mismatch());
				}
				SignedRequest signed = new SignedRequest(credentialAndBody.getT1().merchantId(), signature.keyId(),
						signature.nonce(), nonceExpiry(signature.timestamp()));
				exchange.getAttributes().put(SignedRequest.ATTRIBUTE, signed);
				exchange.getAttributes().put(SignedRequest.BODY_ATTRIBUTE, body);
				ServerWebExchange withBody = exchange.mutate().request(new CachedBodyRequest(request, body)).build();
				if (isSafe(request.getMethod())) {
					return this.nonces.consume(signed).then(chain.filter(withBody));
				}
				return chain.filter(withBody);
			});
	}

	/**
	 * When the nonce may be forgotten: the first instant at which the window check
	 * refuses the timestamp. That check compares whole seconds, so the timestamp is
	 * accepted until the end of second {@code timestamp + window}; the purge deletes
	 * {@code expires_at <
	 * now}.
	 */
	private Instant nonceExpiry(long timestamp) {
		return Instant.ofEpochSecond(timestamp + this.windowSeconds + 1);
	}

	private Mono<byte[]> readBody(ServerHttpRequest request) {
		return DataBufferUtils.join(request.getBody(), this.maxBodyBytes).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		})
			.defaultIfEmpty(NO_BODY)
			.onErrorMap(DataBufferLimitException.class, (ex) -> ProblemExceptionHandler.payloadTooLarge());
	}

	/** The raw path and query, exactly as the client sent and signed them. */
	static String pathWithQuery(ServerHttpRequest request) {
		String path = request.getURI().getRawPath();
		String query = request.getURI().getRawQuery();
		return (query != null) ? path + "?" + query : path;
	}

	private static boolean isSafe(HttpMethod method) {
		return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
	}

	/** Serves the body read for the signature check again, from memory. */
	private static final class CachedBodyRequest extends ServerHttpRequestDecorator {

		private final byte[] body;

		CachedBodyRequest(ServerHttpRequest delegate, byte[] body) {
			super(delegate);
			this.body = body;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			if (this.body.length == 0) {
				return Flux.empty();
			}
			return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body)));
		}

	}

}

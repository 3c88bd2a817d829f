package com.phoneverify.gateway.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Requests that are not valid HTTP/1.1 (a request line or headers too long, a control
 * character in a header, a request target that is not a URI) are refused below every
 * filter and handler: by Netty's decoder, or by Spring when it parses the target. Both
 * would answer a bare 400, 414 or 431 with no body. This handler sits between the decoder
 * and reactor-netty and answers them as every other client error is answered, an RFC 9457
 * problem saying what is wrong, then closes the connection, because the rest of such a
 * request cannot be framed reliably.
 */
final class MalformedHttpRequests extends ChannelInboundHandlerAdapter {

	static final String NAME = "phoneverify.malformedHttpRequests";

	/**
	 * After a refused request, its body (and anything else) is dropped until the close.
	 */
	private boolean refused;

	/** Adds a handler of this kind to every connection of the gateway's HTTP server. */
	static NettyServerCustomizer customizer() {
		return (server) -> server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
				channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, NAME, new MalformedHttpRequests());
			}
		});
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (this.refused) {
			ReferenceCountUtil.release(message);
			return;
		}
		if (message instanceof HttpRequest request) {
			Refusal refusal = refusal(request);
			if (refusal != null) {
				this.refused = true;
				ReferenceCountUtil.release(message);
				context.writeAndFlush(refusal.response()).addListener(ChannelFutureListener.CLOSE);
				return;
			}
		}
		context.fireChannelRead(message);
	}

	private static @Nullable Refusal refusal(HttpRequest request) {
		DecoderResult result = request.decoderResult();
		if (result.isFailure()) {
			Throwable cause = result.cause();
			if (cause instanceof TooLongHttpLineException) {
				return new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request-line-too-long",
						"Request line too long", "The request line is longer than this server reads (4 KiB).");
			}
			if (cause instanceof TooLongHttpHeaderException) {
				return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large",
						"Request headers too large",
						"The request's headers are larger than this server reads (8 KiB).");
			}
			return new Refusal(HttpResponseStatus.BAD_REQUEST, "malformed-request", "Malformed HTTP request",
					"The request is not valid HTTP/1.1: " + describe(cause));
		}
		try {
			new URI(request.uri());
			return null;
		}
		catch (URISyntaxException ex) {
			return new Refusal(HttpResponseStatus.BAD_REQUEST, "malformed-request", "Malformed HTTP request",
					"The request target is not a valid URI (RFC 3986): a character that must be percent-encoded, "
							+ "or a broken percent escape, at index " + ex.getIndex() + ".");
		}
	}

	/** What the decoder says, without echoing the request (it may hold personal data). */
	private static String describe(Throwable cause) {
		String kind = cause.getClass().getSimpleName();
		return switch (kind) {
			case "IllegalArgumentException" -> "a header name or value holds a character HTTP does not allow.";
			default -> "it could not be decoded (" + kind + ").";
		};
	}

	private record Refusal(HttpResponseStatus status, String type, String title, String detail) {

		FullHttpResponse response() {
			String json = "{\"type\":\"" + Problem.TYPE_BASE + this.type + "\",\"title\":\"" + this.title
					+ "\",\"status\":" + this.status.code() + ",\"detail\":\"" + this.detail + "\"}";
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, this.status,
					Unpooled.wrappedBuffer(body));
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
				.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			return response;
		}

	}

}

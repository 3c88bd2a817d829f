package com.phoneverify.messaging.web;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Keeps a keep-alive connection reading after reactor-netty has answered a request it had
 * queued.
 * <p>
 * reactor-netty 1.3.6 (what Spring Boot 4.0.7 brings) and 1.3.7 queue a request that
 * arrives before the previous exchange on its connection has ended; the fix
 * (reactor-netty issue 4361, September 2026) is in no release that resolves here. When
 * that exchange ends they hand the queued request on; if it is answered at once (a
 * handler that returns a value without waiting for anything) the exchange ends inside
 * that hand-over, and the request's trailing empty content is then drained by a task that
 * never asks the socket for more. The connection stays open and is never read again: the
 * client's next request on it gets no answer, ever. A busy server can meet this whenever
 * a client sends its next request quickly, as every pooling HTTP client does.
 * <p>
 * This handler sits after reactor-netty's and, each time an exchange ends, asks for a
 * read once the tasks already queued on the connection's event loop have run, unless a
 * new exchange is under way by then. With no exchange under way reactor-netty means to
 * read anyway, so this never reads ahead of it; a second request for a read that is
 * already pending changes nothing.
 */
@ChannelHandler.Sharable
public final class KeepAliveReads extends ChannelInboundHandlerAdapter {

	static final String NAME = "phoneverify.keepAliveReads";

	/**
	 * The event reactor-netty fires through the pipeline when an HTTP/1.1 exchange ends;
	 * its class is not public.
	 */
	static final String EXCHANGE_ENDED = "reactor.netty.http.server.HttpServerOperationsTerminatedEvent";

	private static final KeepAliveReads INSTANCE = new KeepAliveReads();

	private KeepAliveReads() {
	}

	/** Adds the handler to every HTTP/1.1 connection of a server. */
	public static NettyServerCustomizer customizer() {
		return KeepAliveReads::addTo;
	}

	private static HttpServer addTo(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpTrafficHandler, NAME, INSTANCE);
			}
		});
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext context, Object event) {
		if (event.getClass().getName().equals(EXCHANGE_ENDED)) {
			Channel channel = context.channel();
			// queued behind reactor-netty's own hand-over of a waiting request
			context.executor().execute(() -> {
				if (channel.isActive() && !(ChannelOperations.get(channel) instanceof HttpServerRequest)) {
					channel.read();
				}
			});
		}
		context.fireUserEventTriggered(event);
	}

}

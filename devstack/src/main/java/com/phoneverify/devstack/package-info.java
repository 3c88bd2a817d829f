/**
 * Starts the whole suite in one JVM on one machine: the embedded broker and database, the
 * phone simulator, and each service in its own Spring context, wired to each other.
 */
@NullMarked
package com.phoneverify.devstack;

import org.jspecify.annotations.NullMarked;

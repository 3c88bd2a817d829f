/**
 * The first benchmark: signed {@code POST /v1/ars-verifications} against a running
 * devstack, pgbench running the same insert transaction against the same PostgreSQL, and
 * completed calls with the phone simulator, reported side by side in one table.
 */
package com.phoneverify.bench;

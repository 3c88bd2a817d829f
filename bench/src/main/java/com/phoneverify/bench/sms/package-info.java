/**
 * The SMS benchmark: messages per second submitted to one SMSC simulator by our relay and
 * by Kannel, each counted at the SMSC.
 */
package com.phoneverify.bench.sms;

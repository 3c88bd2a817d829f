/**
 * Events between the gateway and the ARS call service: a call is asked for, a call has
 * ended.
 */
package com.phoneverify.contracts.ars;

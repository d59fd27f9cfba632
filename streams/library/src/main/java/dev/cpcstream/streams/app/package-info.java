/**
 * The cpcstream application around the topology: {@link dev.cpcstream.streams.app.AppSettings} (every Kafka key
 * passed through, cpcstream's own keys under {@code cpc.}, environment variables over a file),
 * {@link dev.cpcstream.streams.app.CpcStreamsApp} (create topics, restore the newest checkpoint, run Kafka Streams
 * until RUNNING, drain, close) and {@link dev.cpcstream.streams.app.AppStatus} (what a status line shows).
 */
package dev.cpcstream.streams.app;

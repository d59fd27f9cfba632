package dev.cpcstream.streams.eval;

import java.util.List;

/** One scenario of the novelty evaluation: a domain's sources all switching to one change. */
record ScenarioResult(String domain, String preset, String change, String description, double windowSeconds,
                      List<MethodResult> methods) {
}

package io.lurker.gql.service;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One persisted operation to run: its name and variables. */
public record GqlCall(String operation, ObjectNode variables) {
}

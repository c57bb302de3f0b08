package ai.bai.manager.gql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLScalarType;
import java.util.Locale;

/** Upstream's custom scalars (UUID, JSONString, DateTime), carried as strings. */
final class Scalars {
    private Scalars() {
    }

    static GraphQLScalarType string(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value, GraphQLContext ctx, Locale locale) {
                return value == null ? null : value.toString();
            }

            @Override
            public Object parseValue(Object input, GraphQLContext ctx, Locale locale) {
                return input == null ? null : input.toString();
            }

            @Override
            public Object parseLiteral(Value<?> input, CoercedVariables vars, GraphQLContext ctx, Locale locale) {
                if (input instanceof StringValue s) {
                    return s.getValue();
                }
                throw new CoercingParseLiteralException(name + " must be a string");
            }
        }).build();
    }
}

package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.source.SourceSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --source synthetic|synthetic:N|wav:DIR|csv:DIR|events:DIR}. */
final class SourceSpecConverter implements ITypeConverter<SourceSpec> {

    @Override
    public SourceSpec convert(String text) {
        try {
            return SourceSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}

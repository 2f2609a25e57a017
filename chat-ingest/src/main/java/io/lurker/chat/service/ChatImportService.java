package io.lurker.chat.service;

import io.lurker.contracts.chat.ChatSource;
import io.lurker.tokenpool.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Feeds imported log lines through the live pipeline (source IMPORT), and parses lines for tooling. */
@ApplicationScoped
public class ChatImportService {

    private final ChatPipeline pipeline;

    public ChatImportService(ChatPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public ImportResult importLines(List<InputLine> lines, String channelHint) {
        int messages = 0;
        int events = 0;
        int unparsed = 0;
        int ignored = 0;
        Instant now = Instant.now();
        try {
            for (InputLine line : lines) {
                Instant receivedAt = line.receivedAt() != null ? line.receivedAt() : now;
                ConvertedLine converted = line.bytes() != null
                        ? pipeline.accept(line.bytes(), 0, line.bytes().length, receivedAt, ChatSource.IMPORT, channelHint)
                        : pipeline.accept(line.text(), receivedAt, ChatSource.IMPORT, channelHint);
                switch (converted.disposition()) {
                    case MESSAGE -> messages++;
                    case EVENT -> events++;
                    case UNPARSED -> unparsed++;
                    case IGNORED -> ignored++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("The import was interrupted after "
                    + (messages + events + unparsed + ignored) + " lines; those were accepted, send the rest again");
        }
        return new ImportResult(messages + events + unparsed + ignored, messages, events, unparsed, ignored);
    }

    public List<ConvertedLine> parseLines(List<InputLine> lines, String channelHint) {
        Instant now = Instant.now();
        List<ConvertedLine> parsed = new ArrayList<>(lines.size());
        for (InputLine line : lines) {
            Instant receivedAt = line.receivedAt() != null ? line.receivedAt() : now;
            parsed.add(line.bytes() != null
                    ? pipeline.convert(line.bytes(), 0, line.bytes().length, receivedAt, ChatSource.LIVE, channelHint)
                    : pipeline.convert(line.text(), receivedAt, ChatSource.LIVE, channelHint));
        }
        return parsed;
    }
}

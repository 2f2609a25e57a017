package io.lurker.analytics.service;

import io.lurker.analytics.repository.ChatErasureRepository;
import io.lurker.analytics.repository.Jdbc;
import io.lurker.tokenpool.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/** Privacy erasure of one chat user, in one transaction. */
@ApplicationScoped
public class ChatErasureService {

    private static final Logger LOG = Logger.getLogger(ChatErasureService.class);

    private final Jdbc jdbc;
    private final ChatErasureRepository erasure;

    public ChatErasureService(Jdbc jdbc, ChatErasureRepository erasure) {
        this.jdbc = jdbc;
        this.erasure = erasure;
    }

    public ChatErasureRepository.Erased erase(String userId) throws SQLException {
        if (userId == null || !userId.matches("[0-9A-Za-z_-]{1,64}")) {
            throw ProblemException.badParameter("user_id", "must be a Twitch user id");
        }
        ChatErasureRepository.Erased erased = jdbc.inTransaction(c -> erasure.erase(c, userId));
        if (erased.messages() == 0 && erased.events() == 0) {
            throw ProblemException.notFound("No chat of user '" + userId + "' is stored");
        }
        LOG.infof("Erased chat of one user: %d messages, %d events", erased.messages(), erased.events());
        return erased;
    }
}

package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** How long each storage tier keeps messages. */
public class RetentionSpec {

    public static final String DEFAULT_HOT = "7d";
    public static final String DEFAULT_COLD = "0";

    @JsonPropertyDescription("Hot window kept in MongoDB (the sync library), e.g. 7d or 48h. Older messages are pulled from MySQL.")
    @Default(DEFAULT_HOT)
    @Pattern("^[1-9][0-9]*[smhd]$")
    private String hot = DEFAULT_HOT;

    @JsonPropertyDescription("How long MySQL (the storage library) keeps messages, e.g. 365d; 0 keeps them forever.")
    @Default(DEFAULT_COLD)
    @Pattern("^(0|[1-9][0-9]*[smhd])$")
    private String cold = DEFAULT_COLD;

    public String getHot() {
        return hot;
    }

    public void setHot(String hot) {
        this.hot = hot;
    }

    public String getCold() {
        return cold;
    }

    public void setCold(String cold) {
        this.cold = cold;
    }
}

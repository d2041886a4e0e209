package org.hotpath.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The model-based testing pattern shared by every structure's properties.
 *
 * <p>A property generates a list of {@link Operation}s (jqwik builds and shrinks the list), each of
 * which performs one public operation on the structure under test and on its {@code java.util}
 * reference model and asserts that both answered the same. {@link #run} applies them in order and
 * checks an invariant (typically: same size, same contents, same iteration set) after every step.
 * A failure reports the step and the history that led to it, and jqwik shrinks the list to a
 * minimal failing sequence.
 *
 * <pre>{@code
 * Arbitrary<Operation<Subject>> get = keys.map(k -> op("get(" + k + ")", s -> assertEquals(...)));
 * ModelBased.run(new Subject(), operations, Subject::checkInvariants);
 * }</pre>
 */
public final class ModelBased {

  private ModelBased() {}

  /**
   * One step: applied to a state that holds both the structure and its model.
   *
   * @param <S> the state type
   */
  public interface Operation<S> {
    /**
     * Applies the step to both sides and asserts they agree.
     *
     * @param state the structure under test and its model
     */
    void apply(S state);
  }

  /**
   * Creates a named operation; the name shows in failure reports and shrunk examples.
   *
   * @param description e.g. {@code "put(17, -3)"}
   * @param step the step
   * @param <S> the state type
   * @return the operation
   */
  public static <S> Operation<S> op(String description, Consumer<S> step) {
    return new Operation<>() {
      @Override
      public void apply(S state) {
        step.accept(state);
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }

  /**
   * Applies {@code operations} in order, checking {@code invariant} after each one.
   *
   * @param state the structure under test and its model, freshly built
   * @param operations the generated steps
   * @param invariant checks agreement of the whole state
   * @param <S> the state type
   * @throws AssertionError naming the failing step and the steps before it
   */
  public static <S> void run(
      S state, List<? extends Operation<? super S>> operations, Consumer<? super S> invariant) {
    invariant.accept(state);
    List<String> history = new ArrayList<>();
    for (Operation<? super S> operation : operations) {
      history.add(operation.toString());
      try {
        operation.apply(state);
        invariant.accept(state);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "step " + history.size() + " failed: " + operation + "\n  after: " + history, e);
      }
    }
  }
}

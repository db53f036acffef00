package io.github.itl4j.cli;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lazy subcommands, for start-up time: building picocli's model of every subcommand (reflection over each command,
 * mixin and converter) costs more than most commands' work, so {@code itl COMMAND ...} builds only COMMAND's model,
 * found by the name and aliases in the {@link Command} annotations of the classes in {@code ItlCli}'s
 * {@code subcommands} list, which stays the one list of subcommands ({@link GeneratedCommandModel#subcommand} is
 * generated from it), and built without reading annotations ({@link CommandModel}). The other subcommands are left
 * out of that model: once COMMAND is chosen, picocli looks only at COMMAND's options, parameters and subcommands, so
 * they would change nothing, and even a name-only placeholder costs a {@link CommandLine} each (its converters and
 * help sections).
 *
 * <p>Whenever the command line could need the other commands' models, everything is built as before: no command
 * ({@code itl}), {@code itl help ...}, {@code itl --help}, a mistyped command (its "did you mean" needs the names and
 * descriptions), an unknown top-level option, {@code --}, an {@code @file}. The top-level options of
 * {@link ItlCli.Global} are understood, with their values ({@code --provider jdk}, {@code --provider=jdk}).
 * {@code itl --version} alone needs none of them.
 */
final class Subcommands {
    private Subcommands() {}

    /** @return the classes of ItlCli's {@code subcommands} list (read from its annotation: not for start-up) */
    static List<Class<?>> all() {
        return Arrays.asList(ItlCli.class.getAnnotation(Command.class).subcommands());
    }

    /**
     * Which subcommands to build for these arguments.
     *
     * @param args the command line
     * @return the subcommand classes whose full model is needed, or null for all of them
     */
    static Set<Class<?>> modelled(String[] args) {
        if (args == null) {
            return null;
        }
        Set<String> flags = new HashSet<>();
        Set<String> valued = new HashSet<>();
        topLevelOptions(flags, valued);
        boolean version = false;
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a == null) {
                return null;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            int eq = a.indexOf('=');
            if (a.equals("-V") || a.equals("--version")) {
                version = true;
            } else if (valued.contains(a) && i + 1 < args.length && args[i + 1] != null) {
                i++; // its value, whatever it looks like (picocli checks it)
            } else if (eq > 0 && valued.contains(a.substring(0, eq))) {
                continue;
            } else if (!flags.contains(a)) {
                return null; // --help, --, a mistyped option: picocli's own handling with the full model
            }
        }
        if (i == args.length) {
            return version ? Set.of() : null;
        }
        Class<?> c = GeneratedCommandModel.subcommand(args[i]);
        return c == null ? null : Set.of(c);
    }

    /**
     * The names of {@link ItlCli.Global}'s options, from its model: those that take no value go to {@code flags}, the
     * others to {@code valued}.
     */
    private static void topLevelOptions(Set<String> flags, Set<String> valued) {
        for (OptionSpec o : CommandModel.build(new ItlCli.Global()).options()) {
            (o.arity().max() == 0 ? flags : valued).addAll(Arrays.asList(o.names()));
        }
    }

    /**
     * The model of {@code itl} with only {@code modelled} subcommands built: ItlCli's model (its options, help
     * sections, version provider and {@link ItlCli.Global} options) from {@link CommandModel}, and the modelled
     * subcommands (their {@link ItlCli} fields set to {@code cli}, {@link #injectParent}). No annotation is read.
     *
     * @param cli the top-level command
     * @param modelled the subcommands to build
     * @return the model
     */
    static CommandSpec spec(ItlCli cli, Set<Class<?>> modelled) {
        CommandSpec spec = CommandModel.build(cli);
        for (Class<?> c : modelled) {
            Object command;
            try {
                command = CommandLine.defaultFactory().create(c);
            } catch (Exception e) {
                throw new CommandLine.InitializationException("cannot create " + c.getName() + ": " + e, e);
            }
            CommandLine sub = new CommandLine(CommandModel.build(command));
            injectParent(command, cli);
            spec.addSubcommand(sub.getCommandSpec().name(), sub);
        }
        return spec;
    }

    /**
     * Sets a subcommand's fields of type {@link ItlCli} to the top-level command: what picocli's {@code @ParentCommand}
     * does, without the annotation, for start-up time (every annotation type read by reflection makes the JDK generate
     * a proxy class at run time, 1.5-4 ms each, which no class-data archive holds; BENCHMARKS.md).
     *
     * @param command a subcommand object
     * @param cli the top-level command
     */
    static void injectParent(Object command, ItlCli cli) {
        for (Class<?> k = command.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.getType() == ItlCli.class && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    try {
                        f.setAccessible(true);
                        f.set(command, cli);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new CommandLine.InitializationException("cannot set " + f + ": " + e, e);
                    }
                }
            }
        }
    }
}

package io.github.itl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;

/**
 * {@link CommandModel}, the model of a command built without reading annotations, against picocli's reflective model
 * ({@link CommandSpec#forAnnotatedObject}) for {@code itl} and every subcommand: the generated file is current, every
 * attribute of the command, its usage and parser settings, its options, positional parameters, mixins and
 * {@code @Spec} members is the same, the usage help is the same text, and parsing gives the same field values.
 */
class CommandModelTest {
    @Test
    void generatedModelIsCurrent() throws IOException {
        String generated = CommandModelGenerator.generate();
        Path file = Path.of(System.getProperty("basedir", "."), CommandModelGenerator.PATH);
        if (Boolean.getBoolean("itl.regenerate")) {
            Files.writeString(file, generated);
        }
        assertEquals(
                generated,
                Files.readString(file),
                "GeneratedCommandModel.java is stale (a command's annotations changed): regenerate it with "
                        + CommandModelGenerator.REGENERATE + " (from the repository's root), then commit it");
    }

    /** @return ItlCli and its subcommands (not picocli's help command) */
    static List<Class<?>> commands() {
        List<Class<?>> l = new ArrayList<>();
        l.add(ItlCli.class);
        for (Class<?> c : Subcommands.all()) {
            if (c != CommandLine.HelpCommand.class) {
                l.add(c);
            }
        }
        return l;
    }

    static Object create(Class<?> c) {
        try {
            return c == ItlCli.class
                    ? new ItlCli(System.in, System.out)
                    : CommandLine.defaultFactory().create(c);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyCommandsModelIsPicocliReflectiveModel() {
        for (Class<?> c : commands()) {
            CommandLine reflective = new CommandLine(create(c));
            CommandLine fast = new CommandLine(CommandModel.build(create(c)));
            if (c == ItlCli.class) { // the fast model has only the invoked subcommand: add them all, for the usage
                for (CommandLine sub : new java.util.LinkedHashSet<>(
                        reflective.getSubcommands().values())) {
                    Class<?> k = sub.getCommand().getClass();
                    fast.addSubcommand(new CommandLine(
                            k == CommandLine.HelpCommand.class ? create(k) : CommandModel.build(create(k))));
                }
            }
            List<String> diffs = new ArrayList<>();
            compare(c.getSimpleName(), reflective.getCommandSpec(), fast.getCommandSpec(), diffs, true);
            assertEquals(List.of(), diffs, c.getName());
            assertEquals(usage(reflective), usage(fast), c.getName());
        }
    }

    @Test
    void theComparisonSeesADifference() {
        // one attribute changed in the fast model must be reported, or the test above proves nothing
        CommandSpec a = new CommandLine(create(VerifyCommand.class)).getCommandSpec();
        CommandSpec b = new CommandLine(CommandModel.build(create(VerifyCommand.class))).getCommandSpec();
        OptionSpec o = b.findOption("--warnings-as-errors");
        b.remove(o);
        b.addOption(OptionSpec.builder(o).hidden(true).build());
        List<String> diffs = new ArrayList<>();
        compare("verify", a, b, diffs, true);
        assertFalse(diffs.isEmpty());
        assertTrue(diffs.toString().contains("hidden"), diffs.toString());
        CommandSpec c = new CommandLine(CommandModel.build(create(VerifyCommand.class))).getCommandSpec();
        c.usageMessage().footer("x");
        diffs.clear();
        compare("verify", a, c, diffs, true);
        assertTrue(diffs.toString().contains("footer"), diffs.toString());
        assertNotEquals(usage(new CommandLine(a)), usage(new CommandLine(c)));
    }

    @Test
    void parsingSetsTheSameValues() {
        int parses = 0;
        for (Class<?> c : commands()) {
            CommandSpec model = CommandSpec.forAnnotatedObject(create(c));
            List<List<String>> argLists = new ArrayList<>();
            List<String> positionals = new ArrayList<>();
            for (PositionalParamSpec p : model.positionalParameters()) {
                for (int i = 0; i < Math.max(1, p.arity().min()); i++) {
                    positionals.add(sample(p));
                }
            }
            argLists.add(positionals);
            for (OptionSpec o : model.options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                for (String name : o.names()) {
                    List<String> args = new ArrayList<>();
                    args.add(name);
                    for (int i = 0;
                            i < Math.max(1, o.arity().min()) && o.arity().max() > 0;
                            i++) {
                        args.add(sample(o));
                    }
                    args.addAll(positionals);
                    argLists.add(args);
                }
            }
            for (List<String> args : argLists) {
                Object a = create(c);
                Object b = create(c);
                String ra = parse(new CommandLine(a), args);
                String rb = parse(new CommandLine(CommandModel.build(b)), args);
                assertEquals(ra, rb, c.getSimpleName() + " " + args);
                assertEquals(fields(a), fields(b), c.getSimpleName() + " " + args);
                parses++;
            }
        }
        assertTrue(parses > 150, "parses: " + parses);
    }

    @Test
    void theParseComparisonSeesADifference() {
        Object a = create(ShowCommand.class);
        Object b = create(ShowCommand.class);
        parse(new CommandLine(a), List.of("--json", "x"));
        parse(new CommandLine(CommandModel.build(b)), List.of("x"));
        assertNotEquals(fields(a), fields(b));
    }

    @Test
    void refusesAClassNotInTheGeneratedModel() {
        CommandLine.InitializationException e = org.junit.jupiter.api.Assertions.assertThrows(
                CommandLine.InitializationException.class, () -> CommandModel.build(new Object()));
        assertTrue(e.getMessage().contains("regenerate"), e.getMessage());
        assertNull(GeneratedCommandModel.subcommand("no-such-command"));
        for (Class<?> c : commands()) {
            if (c != ItlCli.class) {
                CommandSpec s = CommandSpec.forAnnotatedObject(create(c));
                assertEquals(c, GeneratedCommandModel.subcommand(s.name()));
                for (String alias : s.aliases()) {
                    assertEquals(c, GeneratedCommandModel.subcommand(alias));
                }
            }
        }
    }

    private static String sample(ArgSpec a) {
        Iterable<String> candidates = a.completionCandidates();
        if (candidates != null && candidates.iterator().hasNext()) {
            return candidates.iterator().next();
        }
        if (a.defaultValue() != null) {
            return a.defaultValue();
        }
        Class<?> t = a.auxiliaryTypes()[0];
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "3";
        }
        return "x";
    }

    private static String parse(CommandLine cl, List<String> args) {
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        try {
            CommandLine.ParseResult r = cl.parseArgs(args.toArray(new String[0]));
            List<String> matched = new ArrayList<>();
            for (ArgSpec s : r.matchedArgs()) {
                matched.add(s.toString() + "=" + s.stringValues());
            }
            return "ok " + matched;
        } catch (CommandLine.PicocliException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** @return the values of an object's fields, recursively into its mixins and this package's objects */
    private static Map<String, String> fields(Object o) {
        Map<String, String> out = new TreeMap<>();
        fields("", o, out, new IdentityHashMap<>());
        return out;
    }

    private static void fields(String path, Object o, Map<String, String> out, Map<Object, Object> seen) {
        if (o == null || seen.put(o, o) != null) {
            return;
        }
        for (Class<?> k = o.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object v;
                try {
                    v = f.get(o);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                String p = path + k.getSimpleName() + "." + f.getName();
                if (v instanceof CommandSpec s) {
                    out.put(p, "spec " + s.qualifiedName());
                } else if (v != null && v.getClass().getPackageName().equals(ItlCli.class.getPackageName())) {
                    fields(p + "/", v, out, seen);
                } else {
                    out.put(p, v == null ? "null" : deep(v));
                }
            }
        }
    }

    private static String deep(Object v) {
        if (v.getClass().isArray()) {
            return Arrays.deepToString(new Object[] {v});
        }
        return v.getClass().getName().contains("$$Lambda") ? "lambda" : String.valueOf(v);
    }

    private static String usage(CommandLine cl) {
        cl.setUsageHelpWidth(120);
        StringWriter w = new StringWriter();
        cl.usage(new PrintWriter(w));
        return w.toString();
    }

    private static final Set<String> SKIPPED = Set.of(
            "getClass",
            "hashCode",
            "toString",
            "getter",
            "setter",
            "scope",
            "command",
            "group",
            "messages",
            "wait",
            "notify",
            "notifyAll",
            "typedValues",
            "stringValues",
            "originalStringValues",
            "parent",
            "root",
            "commandLine",
            "subcommands",
            "copy",
            "userObject",
            "annotatedElement",
            "resetStringValues",
            "resetOriginalStringValues",
            "clearTypedValues",
            "applyInitialValue",
            "addMethodSubcommands");

    /**
     * Compares two models: every public getter of the command, its usage message and parser specs, its options and
     * positional parameters (and their type information), its mixins (recursively) and {@code @Spec} members.
     */
    static void compare(String path, CommandSpec a, CommandSpec b, List<String> diffs, boolean subcommands) {
        getters(
                path,
                a,
                b,
                diffs,
                Set.of(
                        "options",
                        "positionalParameters",
                        "args",
                        "mixins",
                        "optionsMap",
                        "posixOptionsMap",
                        "negatedOptionsMap",
                        "requiredArgs",
                        "usageMessage",
                        "parser",
                        "mixinAnnotatedElements",
                        "specElements",
                        "parentCommandElements",
                        "methodParams",
                        "argGroups",
                        "unmatchedArgsBindings",
                        "interpolator",
                        "root",
                        "userObject",
                        "commandLine"));
        if (subcommands) {
            eq(path + ".subcommands", a.subcommands().keySet(), b.subcommands().keySet(), diffs);
        }
        eq(path + ".userObject.class", a.userObject().getClass(), b.userObject().getClass(), diffs);
        getters(path + ".usageMessage", a.usageMessage(), b.usageMessage(), diffs, Set.of());
        getters(path + ".parser", a.parser(), b.parser(), diffs, Set.of());
        eq(path + ".optionsMap", a.optionsMap().keySet(), b.optionsMap().keySet(), diffs);
        eq(
                path + ".negatedOptionsMap",
                a.negatedOptionsMap().keySet(),
                b.negatedOptionsMap().keySet(),
                diffs);
        eq(
                path + ".posixOptionsMap",
                a.posixOptionsMap().keySet(),
                b.posixOptionsMap().keySet(),
                diffs);
        eq(path + ".requiredArgs", names(a.requiredArgs()), names(b.requiredArgs()), diffs);
        eq(path + ".argGroups", a.argGroups().size(), b.argGroups().size(), diffs);
        eq(
                path + ".unmatched",
                a.unmatchedArgsBindings().size(),
                b.unmatchedArgsBindings().size(),
                diffs);
        eq(path + ".specElements", elements(a.specElements()), elements(b.specElements()), diffs);
        eq(
                path + ".mixinAnnotatedElements",
                elements(a.mixinAnnotatedElements().values()),
                elements(b.mixinAnnotatedElements().values()),
                diffs);
        eq(
                path + ".mixinAnnotatedElements.keys",
                a.mixinAnnotatedElements().keySet(),
                b.mixinAnnotatedElements().keySet(),
                diffs);
        args(path + ".options", a.options(), b.options(), diffs);
        args(path + ".positionals", a.positionalParameters(), b.positionalParameters(), diffs);
        args(path + ".args", a.args(), b.args(), diffs);
        eq(path + ".mixins", a.mixins().keySet(), b.mixins().keySet(), diffs);
        for (String m : a.mixins().keySet()) {
            if (b.mixins().containsKey(m)) {
                compare(
                        path + ".mixin[" + m + "]",
                        a.mixins().get(m),
                        b.mixins().get(m),
                        diffs,
                        true);
            }
        }
    }

    private static List<String> names(Collection<? extends ArgSpec> args) {
        List<String> l = new ArrayList<>();
        for (ArgSpec s : args) {
            l.add(s.toString());
        }
        return l;
    }

    private static List<String> elements(Collection<IAnnotatedElement> es) {
        List<String> l = new ArrayList<>();
        for (IAnnotatedElement e : es) {
            l.add(e.userObject() + " " + e.getName() + " " + e.getToString() + " " + e.hasInitialValue() + " "
                    + e.isMixin() + e.isSpec() + e.isOption() + e.isParameter() + " "
                    + (e.isMixin() ? e.getMixinName() : "") + " " + typeInfo(e.getTypeInfo()));
        }
        return l;
    }

    private static void args(String path, List<? extends ArgSpec> a, List<? extends ArgSpec> b, List<String> diffs) {
        eq(path + ".size", a.size(), b.size(), diffs);
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String p = path + "[" + i + " " + a.get(i) + "]";
            getters(p, a.get(i), b.get(i), diffs, Set.of());
            eq(
                    p + ".userObject",
                    String.valueOf(a.get(i).userObject()),
                    String.valueOf(b.get(i).userObject()),
                    diffs);
            eq(p + ".toString", a.get(i).toString(), b.get(i).toString(), diffs);
            eq(p + ".getter.class", binding(a.get(i).getter()), binding(b.get(i).getter()), diffs);
        }
    }

    /** @return the kind of a binding: a field's, a setter method's */
    private static String binding(Object getter) {
        String n = getter.getClass().getSimpleName();
        if (n.equals("FieldBinding") || n.equals("MethodBinding")) {
            return "member";
        }
        return getter instanceof CommandModel.Member ? "member" : n;
    }

    private static void getters(String path, Object a, Object b, List<String> diffs, Set<String> skipped) {
        eq(path + ".class", a.getClass(), b.getClass(), diffs);
        for (Method m : a.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || m.getReturnType() == void.class
                    || Modifier.isStatic(m.getModifiers())
                    || SKIPPED.contains(m.getName())
                    || skipped.contains(m.getName())) {
                continue;
            }
            eq(path + "." + m.getName(), invoke(m, a), invoke(m, b), diffs);
        }
    }

    private static Object invoke(Method m, Object o) {
        try {
            m.setAccessible(true);
            return normalize(m.invoke(o));
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable t = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            return "threw " + t;
        }
    }

    /** @return a value as comparable data: lists for arrays and iterables, names for classes and instances */
    static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Enum) {
            return v;
        }
        if (v instanceof Character) {
            return v;
        }
        if (v instanceof Class<?> c) {
            return "class " + c.getName();
        }
        if (v instanceof Range r) {
            return r + (r.isUnspecified() ? " (unspecified)" : "");
        }
        if (v instanceof ITypeInfo t) {
            return typeInfo(t);
        }
        if (v instanceof Member || v instanceof IAnnotatedElement || v instanceof ArgSpec || v instanceof CommandSpec) {
            return v.toString();
        }
        if (v.getClass().isArray()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                l.add(normalize(java.lang.reflect.Array.get(v, i)));
            }
            return l;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(normalize(e.getKey()), normalize(e.getValue()));
            }
            return out;
        }
        if (v instanceof Iterable<?> it) {
            List<Object> l = new ArrayList<>();
            for (Object o : it) {
                l.add(normalize(o));
            }
            return l;
        }
        String n = v.getClass().getName();
        return "instance of " + (n.contains("$$Lambda") ? n.substring(0, n.indexOf("$$Lambda")) + " lambda" : n);
    }

    private static Map<String, Object> typeInfo(ITypeInfo t) {
        Map<String, Object> m = new TreeMap<>();
        if (t == null) {
            return m;
        }
        for (Method g : ITypeInfo.class.getMethods()) {
            if (g.getParameterCount() == 0) {
                Object v;
                try {
                    v = g.invoke(t);
                } catch (ReflectiveOperationException e) {
                    v = "threw " + e.getCause();
                }
                m.put(g.getName(), g.getName().equals("getAuxiliaryTypeInfos") ? auxInfos(v) : normalize(v));
            }
        }
        return m;
    }

    private static Object auxInfos(Object v) {
        List<Object> l = new ArrayList<>();
        for (Object o : (List<?>) v) {
            l.add(((ITypeInfo) o).getClassName());
        }
        return l;
    }

    private static void eq(String path, Object a, Object b, List<String> diffs) {
        if (!java.util.Objects.equals(a, b)) {
            diffs.add(path + ": reflective " + a + " != generated " + b);
        }
    }
}

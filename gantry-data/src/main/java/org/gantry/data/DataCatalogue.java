package org.gantry.data;

import java.net.URI;
import java.util.List;

/**
 * The published files behind the file-backed data sets, for {@code data.download=true}. The MNIST
 * and Fashion-MNIST SHA-256 values were computed from copies whose MD5s match the published ones
 * (../shared/data/README.md); CIFAR-10's publisher gives only an MD5.
 */
public final class DataCatalogue {
    private DataCatalogue() {}

    /** MNIST (LeCun, Cortes, Burges), from the PyTorch project's mirror of yann.lecun.com/exdb/mnist. */
    public static final List<KnownFile> MNIST = files("https://ossci-datasets.s3.amazonaws.com/mnist/",
            "train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    /** Fashion-MNIST (Xiao, Rasul, Vollgraf 2017), from Zalando Research's bucket. */
    public static final List<KnownFile> FASHION_MNIST = files(
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            "train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            "t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
            "t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5");

    /** CIFAR-10, binary version (Krizhevsky 2009); unpacks to {@link Cifar10Binary#FOLDER}. */
    public static final KnownFile CIFAR10_BINARY = new KnownFile("cifar-10-binary.tar.gz",
            URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
            FileDigest.md5("c32a1d4ab5d03f1284b67883e8d87530"));

    /** The files of {@code catalogue} whose names start with {@code prefix} (one split of MNIST). */
    public static List<KnownFile> startingWith(List<KnownFile> catalogue, String prefix) {
        return catalogue.stream().filter(f -> f.fileName().startsWith(prefix)).toList();
    }

    private static List<KnownFile> files(String base, String... nameThenSha) {
        KnownFile[] out = new KnownFile[nameThenSha.length / 2];
        for (int i = 0; i < out.length; i++) {
            String name = nameThenSha[2 * i];
            out[i] = new KnownFile(name, URI.create(base + name), FileDigest.sha256(nameThenSha[2 * i + 1]));
        }
        return List.of(out);
    }
}

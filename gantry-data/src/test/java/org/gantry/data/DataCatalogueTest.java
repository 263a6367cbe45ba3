package org.gantry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.data.IdxFilesTest.shared;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue's digests against the copies in ../shared/data, fetched through file: URLs (never
 * the network). The copies are first shown to be the published files: their MD5s are the published
 * ones (those torchvision checks).
 */
class DataCatalogueTest {
    static final Map<String, String> PUBLISHED_MD5 = Map.of(
            "mnist/train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            "mnist/train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432",
            "mnist/t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3",
            "mnist/t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c",
            "fashion-mnist/train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "fashion-mnist/train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
            "fashion-mnist/t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
            "fashion-mnist/t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310");

    void fetchesFromLocalCopies(String dir, List<KnownFile> catalogue, Path cache) throws IOException {
        Path source = shared(dir);
        assertThat(catalogue).extracting(KnownFile::fileName).containsExactly("train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        for (KnownFile f : catalogue) {
            assertThat(FileDigest.hexDigest("MD5", source.resolve(f.fileName())))
                    .isEqualTo(PUBLISHED_MD5.get(dir + "/" + f.fileName()));
            assertThat(f.url().toString()).endsWith("/" + f.fileName());
            assertThat(f.digest().algorithm()).isEqualTo("SHA-256");
        }
        List<KnownFile> local = catalogue.stream()
                .map(f -> new KnownFile(f.fileName(), source.resolve(f.fileName()).toUri(), f.digest())).toList();
        Path got = new Downloader(cache).fetchAll(local);
        assertThat(got).isEqualTo(cache);
        assertThat(MnistFiles.read("x", cache, false).size()).isEqualTo(10_000);
    }

    @Test
    void mnistDigestsMatchThePublishedFiles(@TempDir Path tmp) throws IOException {
        fetchesFromLocalCopies("mnist", DataCatalogue.MNIST, tmp.resolve("mnist"));
    }

    @Test
    void fashionMnistDigestsMatchThePublishedFiles(@TempDir Path tmp) throws IOException {
        fetchesFromLocalCopies("fashion-mnist", DataCatalogue.FASHION_MNIST, tmp.resolve("fashion-mnist"));
    }

    @Test
    void cifarIsThePublishersArchiveWithItsMd5() {
        assertThat(DataCatalogue.CIFAR10_BINARY.url().toString())
                .isEqualTo("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
        assertThat(DataCatalogue.CIFAR10_BINARY.digest()).isEqualTo(FileDigest.md5("c32a1d4ab5d03f1284b67883e8d87530"));
        assertThat(DataCatalogue.startingWith(DataCatalogue.MNIST, "t10k")).extracting(KnownFile::fileName)
                .containsExactly("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    }
}
